import { randomBytes } from 'node:crypto';

import { TronWeb, Trx } from 'tronweb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DockerContainerSpec, DockerSpecs } from '../../infra/docker/container-specs.js';
import { engine } from './support/engine.js';
import { devStackSpecs, freePort, randomSecrets, startStack } from './support/dev-stack.js';
import { baseImages, buildServiceImage, imageId } from './support/images.js';
import { containerLogs, containerState, DockerScope, execIn } from './support/scope.js';

// The image build (cached after the first), then three containers waiting to be healthy.
const SETUP_MS = 40 * 60_000;
const STEP_MS = 2 * 60_000;

interface Inspected {
  Config: { User: string; Healthcheck: { Test: string[] } };
  HostConfig: Record<string, unknown>;
  NetworkSettings: {
    Networks: Record<string, unknown>;
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null>;
  };
}

const inspect = (id: string) => engine<Inspected>('GET', `/containers/${id}/json`);

describe('the dev stack containers on a real engine', () => {
  const scope = new DockerScope();
  let specs: DockerSpecs;
  let ids: Record<string, string>;
  let auth: DockerContainerSpec;
  let port: number;

  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(url(path), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  // Runs a Node one-liner inside the auth container (the only program the image has).
  const nodeIn = (code: string) => execIn(ids[auth.name]!, ['/nodejs/bin/node', '-e', code]);

  beforeAll(async () => {
    const image = await imageId(await buildServiceImage('amd64'));
    port = await freePort();
    specs = devStackSpecs(baseImages(), image, port, randomSecrets());
    auth = specs.containers.find((spec) => spec.role === 'auth')!;
    ids = await startStack(scope, specs, STEP_MS);
  }, SETUP_MS);

  afterAll(() => scope.cleanup(), STEP_MS);

  it('runs the declared containers on lucid-dev, publishing only 127.0.0.1:<auth port>', async () => {
    expect(Object.keys(ids)).toEqual(['lucid-mongodb', 'lucid-redis', 'lucid-auth-service']);

    const published: string[] = [];
    for (const [name, id] of Object.entries(ids)) {
      const { NetworkSettings } = await inspect(id);
      const networks = Object.keys(NetworkSettings.Networks).sort();
      expect(networks).toEqual(
        name === auth.name ? ['lucid-dev', 'lucid-dev-internal'] : ['lucid-dev-internal'],
      );
      for (const bindings of Object.values(NetworkSettings.Ports)) {
        for (const b of bindings ?? []) published.push(`${name} ${b.HostIp}:${b.HostPort}`);
      }
    }
    expect(published).toEqual([`lucid-auth-service 127.0.0.1:${port}`]);
  });

  it('reports the auth container healthy, with the declared user, limits and hardening', async () => {
    const { Config, HostConfig } = await inspect(ids[auth.name]!);

    expect((await containerState(ids[auth.name]!)).State.Health?.Status).toBe('healthy');
    expect(Config.User).toBe('65532:65532');
    expect(Config.Healthcheck.Test).toEqual(['CMD', '/nodejs/bin/node', '/app/healthcheck.js']);
    expect(HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      Tmpfs: auth.tmpfs,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      Memory: auth.memory * 1024 * 1024,
      MemorySwap: auth.memorySwap * 1024 * 1024,
      NanoCpus: Number(auth.cpus) * 1e9,
      Init: true,
    });
  });

  it('answers /health with 200 and both dependencies connected', async () => {
    const response = await fetch(url('/health'));

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      dependencies: { mongodb: 'up', redis: 'up' },
    });
  });

  it('signs a wallet in (TIP-191) and refreshes through the published port', async () => {
    const privateKey = randomBytes(32).toString('hex');
    const address = TronWeb.address.fromPrivateKey(privateKey) as string;

    const challenge = await post('/api/v1/auth/challenge', { address });
    expect(challenge.status).toBe(200);
    const { message } = challenge.body;
    const signature = Trx.signMessageV2(message!, privateKey);

    const registered = await post('/api/v1/auth/register', { message, signature });
    expect(registered.status).toBe(200);
    expect(registered.body.tokenType).toBe('Bearer');

    const refreshed = await post('/api/v1/auth/refresh', {
      refreshToken: registered.body.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(registered.body.refreshToken);

    const me = await fetch(url('/api/v1/users/me'), {
      headers: { authorization: `Bearer ${refreshed.body.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ address });
  });

  it('runs every process as uid 65532 with no capabilities at all', async () => {
    const processes = JSON.parse(await nodeIn(PROCESS_PROBE)) as {
      cmd: string;
      uid: string;
      caps: string[];
    }[];
    const service = processes.find((p) => p.cmd.includes('/app/main.js'));

    expect(service?.uid).toBe('65532');
    for (const p of processes) {
      expect(p.caps, p.cmd).toEqual(['0000000000000000', '0000000000000000', '0000000000000000']);
    }
  });

  it('refuses writes outside /tmp and accepts them in /tmp', async () => {
    const outcome = JSON.parse(await nodeIn(WRITE_PROBE)) as Record<string, string>;

    expect(outcome).toEqual({
      '/app/probe': 'EROFS',
      '/home/nonroot/probe': 'EROFS',
      '/probe': 'EROFS',
      '/tmp/probe': 'written',
    });
  });

  it('has no shell to run a command with', async () => {
    // Exit 126 or 127 is Docker's "could not start the command"; newer clients print the
    // runtime's reason on stdout, older ones on stderr.
    const attempt = await execIn(ids[auth.name]!, ['/bin/sh', '-c', 'true']).then(
      () => 'the shell ran',
      (error: { code?: number; stdout?: string; stderr?: string }) =>
        `exit ${error.code}: ${error.stdout ?? ''}${error.stderr ?? ''}`,
    );

    expect(attempt).toMatch(
      /^exit 12[67]: .*(no such file or directory|executable file not found)/,
    );
  });

  it(
    'stops cleanly within 10 seconds of SIGTERM',
    async () => {
      const id = ids[auth.name]!;
      const started = Date.now();
      await engine('POST', `/containers/${id}/stop?t=10`, undefined, 30_000);
      const elapsed = Date.now() - started;
      const { State } = await containerState(id);

      // 0 is the service's own graceful exit; unhandled SIGTERM gives 143, Docker's SIGKILL 137.
      expect(State.ExitCode, await containerLogs(id)).toBe(0);
      expect(elapsed).toBeLessThan(10_000);
    },
    STEP_MS,
  );
});

// Uid and effective, permitted and bounding capability sets of every process.
const PROCESS_PROBE = `
const fs = require('fs');
const pids = fs.readdirSync('/proc').filter((d) => /^\\d+$/.test(d));
const rows = pids.flatMap((pid) => {
  try {
    const status = fs.readFileSync('/proc/' + pid + '/status', 'utf8');
    const field = (name) => status.match(new RegExp('^' + name + ':\\\\s+(\\\\S+)', 'm'))[1];
    const cmd = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').join(' ');
    return [{ cmd, uid: field('Uid'), caps: ['CapEff', 'CapPrm', 'CapBnd'].map(field) }];
  } catch { return []; }
});
console.log(JSON.stringify(rows));
`;

// Tries a write in the read-only root, the user's home and the tmpfs.
const WRITE_PROBE = `
const fs = require('fs');
const out = {};
for (const path of ['/app/probe', '/home/nonroot/probe', '/probe', '/tmp/probe']) {
  try { fs.writeFileSync(path, 'x'); out[path] = 'written'; } catch (e) { out[path] = e.code; }
}
console.log(JSON.stringify(out));
`;
