import Fastify from 'fastify';

// The baseline the service is compared with: a Fastify app with default settings and no
// plugins, answering fixed JSON bodies on the same paths. Started as its own process by
// bench/lib/bare-process.ts; prints its port once listening.
const routes = JSON.parse(process.env.BARE_ROUTES ?? '{}') as Record<string, unknown>;

const app = Fastify({ logger: false });
for (const [path, body] of Object.entries(routes)) {
  app.get(path, () => body);
}

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${new URL(address).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
