/**
 * The container's health check (the image's HEALTHCHECK, exec form). Distroless images have
 * no shell, curl or wget, so the image's own Node asks the service over loopback and exits 0
 * (healthy) or 1 (unhealthy), printing why for `docker inspect`.
 *
 * It asks /health/ready: Docker has one health state, and Pulumi's `wait` and Compose's
 * `service_healthy` read it as "can serve sign-ins", which needs MongoDB and Redis. An
 * optional argument names another path (for example /health/live).
 */
import { request } from 'node:http';

const TIMEOUT_MS = 2_500;

const port = Number(process.env.PORT ?? '8089');
const path = process.argv[2] ?? '/health/ready';

function fail(reason: string): void {
  console.error(`health check ${path}: ${reason}`);
  process.exitCode = 1;
}

const probe = request({ host: '127.0.0.1', port, path, timeout: TIMEOUT_MS }, (response) => {
  response.resume();
  if (response.statusCode === 200) {
    process.exitCode = 0;
  } else {
    fail(`status ${response.statusCode ?? 'none'}`);
  }
});

probe.on('timeout', () => probe.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
probe.on('error', (error) => fail(error.message));
probe.end();
