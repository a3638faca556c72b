import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import type { DockerContainerSpec } from '../../../infra/docker/container-specs.js';
import { engine } from './engine.js';

const run = promisify(execFile);
const MB = 1024 * 1024;

/** '5s', '500ms', '2m' (the specs' duration text) in nanoseconds, as the Engine API takes. */
export function nanoseconds(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`Cannot read the duration "${text}"`);
  const unit = { ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(match[1]) * unit);
}

/**
 * The Engine API body creating a container exactly as a spec describes it (the fields
 * Pulumi's Docker provider sends), attached to its first network; `connectNetworks` adds
 * the rest before it starts.
 */
export function createBody(spec: DockerContainerSpec): Record<string, unknown> {
  const [first] = spec.networks;
  if (!first) throw new Error(`${spec.name} has no network`);
  const { healthcheck } = spec;

  return {
    Image: spec.image,
    User: spec.user,
    ...(spec.command ? { Cmd: spec.command } : {}),
    Env: spec.envs,
    Labels: Object.fromEntries(spec.labels.map(({ label, value }) => [label, value])),
    ExposedPorts: Object.fromEntries(spec.ports.map((p) => [`${p.internal}/${p.protocol}`, {}])),
    Healthcheck: {
      Test: healthcheck.tests,
      Interval: nanoseconds(healthcheck.interval),
      Timeout: nanoseconds(healthcheck.timeout),
      Retries: healthcheck.retries,
      StartPeriod: nanoseconds(healthcheck.startPeriod),
    },
    StopSignal: spec.stopSignal,
    StopTimeout: spec.stopTimeout,
    HostConfig: {
      Mounts: spec.volumes.map((v) => ({
        Type: 'volume',
        Source: v.volumeName,
        Target: v.containerPath,
      })),
      PortBindings: Object.fromEntries(
        spec.ports.map((p) => [
          `${p.internal}/${p.protocol}`,
          [{ HostIp: p.ip, HostPort: String(p.external) }],
        ]),
      ),
      Memory: spec.memory * MB,
      MemorySwap: spec.memorySwap * MB,
      NanoCpus: Math.round(Number(spec.cpus) * 1e9),
      ReadonlyRootfs: spec.readOnly,
      Tmpfs: spec.tmpfs,
      CapDrop: spec.capabilities.drops,
      CapAdd: spec.capabilities.adds,
      SecurityOpt: spec.securityOpts,
      Privileged: spec.privileged,
      IpcMode: spec.ipcMode,
      Init: spec.init,
      RestartPolicy: { Name: spec.restart, MaximumRetryCount: spec.maxRetryCount ?? 0 },
      LogConfig: { Type: spec.logDriver, Config: spec.logOpts },
      NetworkMode: first.name,
    },
    NetworkingConfig: { EndpointsConfig: { [first.name]: { Aliases: first.aliases } } },
  };
}

/** Attaches the container to the spec's other networks, with their aliases. */
export async function connectNetworks(id: string, spec: DockerContainerSpec): Promise<void> {
  for (const network of spec.networks.slice(1)) {
    await engine('POST', `/networks/${network.name}/connect`, {
      Container: id,
      EndpointConfig: { Aliases: network.aliases },
    });
  }
}

/**
 * Copies the spec's files into the created container (onto its volumes, as Pulumi's
 * `uploads` do), owned by root with the spec's permissions.
 */
export async function uploadFiles(id: string, spec: DockerContainerSpec): Promise<void> {
  const folders = new Set(spec.uploads.map((upload) => path.posix.dirname(upload.file)));
  for (const folder of folders) {
    const uploads = spec.uploads.filter((upload) => path.posix.dirname(upload.file) === folder);
    const staging = await mkdtemp(path.join(tmpdir(), 'lucid-e2e-upload-'));
    try {
      for (const upload of uploads) {
        const file = path.join(staging, path.posix.basename(upload.file));
        await writeFile(file, upload.content);
        await chmod(file, Number.parseInt(upload.permissions, 8));
      }
      const names = uploads.map((upload) => path.posix.basename(upload.file));
      const { stdout } = await run(
        'tar',
        ['-C', staging, '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', ...names],
        { encoding: 'buffer', maxBuffer: 16 * MB },
      );
      await engine('PUT', `/containers/${id}/archive?path=${encodeURIComponent(folder)}`, stdout);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}
