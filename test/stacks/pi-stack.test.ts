import { beforeAll, describe, expect, it } from 'vitest';

import type { MockRunResult } from '../../infra/testing/run-under-mocks.js';
import { runStackUnderMocks } from '../../infra/testing/run-stack.js';
import { ofType, resource } from './support/resources.js';

let run: MockRunResult;

beforeAll(async () => {
  run = await runStackUnderMocks('pi', {
    config: { registryUsername: 'lucid', hostInterface: '192.168.1.50' },
    secrets: { registryPassword: 'registry-pw-for-tests' },
  });
});

describe('the pi stack', () => {
  it('builds the image for linux/arm64 and pushes it with the secret registry login', () => {
    const image = resource(run, 'docker:index/image:Image', 'lucid-image-build');

    expect(image.inputs).toMatchObject({
      imageName: 'raspberrypi.local:5000/lucid/auth-service:1.0.0',
      build: {
        context: '.',
        dockerfile: 'service/Dockerfile',
        platform: 'linux/arm64',
        args: { VERSION: '1.0.0', TARGETARCH: 'arm64' },
      },
      skipPush: false,
      registry: {
        server: 'raspberrypi.local:5000',
        username: 'lucid',
        password: 'registry-pw-for-tests',
      },
    });
    expect(image.secretPaths).toContain('registry.password');
  });

  it('deploys to the Pi engine over SSH, which logs in to the registry to pull', () => {
    const provider = resource(run, 'pulumi:providers:docker', 'lucid-engine');

    expect(provider.inputs['host']).toBe('ssh://pi@raspberrypi.local');
    expect(provider.secretPaths.some((p) => p.startsWith('registryAuth'))).toBe(true);
    for (const c of ofType(run, 'docker:index/container:Container')) {
      expect(c.options.provider, c.name).toMatch(/::lucid-engine::/);
    }
  });

  it('pulls the pushed image onto the Pi by digest and runs the pulled digest', () => {
    const pulled = resource(run, 'docker:index/remoteImage:RemoteImage', 'lucid-auth-image');
    const auth = resource(run, 'docker:index/container:Container', 'lucid-auth');

    expect(pulled.inputs['name']).toBe(run.outputs['imageDigest']);
    expect(pulled.inputs['platform']).toBe('linux/arm64');
    expect(auth.inputs['image']).toMatch(
      /^raspberrypi\.local:5000\/lucid\/auth-service@sha256:[0-9a-f]{64}$/,
    );
  });

  it('publishes the service on the configured LAN address only', () => {
    const auth = resource(run, 'docker:index/container:Container', 'lucid-auth');

    expect(auth.inputs['ports']).toEqual([
      { internal: 8089, external: 8089, ip: '192.168.1.50', protocol: 'tcp' },
    ]);
  });

  it('sizes the three containers to fit a Pi 5 together', () => {
    const memory = ofType(run, 'docker:index/container:Container').map(
      (c) => c.inputs['memory'] as number,
    );

    expect(memory.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3.5 * 1024);
  });
});
