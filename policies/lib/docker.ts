import type { EnforcementLevel, PolicyConfigSchema, Severity } from '@pulumi/policy';

import { resourcePolicy, type Report, type ResourceContext } from './define.js';
import type { Candidate } from './matchers.js';
import { TYPE } from './type-tokens.js';
import type { ContainerProps } from './types.js';

interface ContainerSpec<C> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  configSchema?: PolicyConfigSchema;
  validate: (container: ContainerProps, context: ResourceContext<C>, report: Report) => void;
}

/** Defines a check on the inputs of every `docker.Container`. */
export function containerPolicy<C = Record<string, never>>(spec: ContainerSpec<C>) {
  return resourcePolicy<ContainerProps, C>({ ...spec, types: [TYPE.dockerContainer] });
}

/** The names and image a container is recognised by (Pulumi name first, image last). */
export function containerCandidate(
  container: ContainerProps,
  context: ResourceContext<unknown>,
): Candidate {
  return {
    names: [context.args.name, container.name],
    image: () => container.image,
  };
}

/** A host path the container sees, and which input brings it in. */
export interface HostPath {
  source: string;
  target: string;
  via: 'volumes' | 'mounts' | 'devices';
}

/** Every host path bound into the container: bind volumes, bind mounts and devices. */
export function hostPathsOf(container: ContainerProps): HostPath[] {
  const paths: HostPath[] = [];
  for (const volume of container.volumes ?? []) {
    if (volume.hostPath !== undefined) {
      paths.push({ source: volume.hostPath, target: volume.containerPath ?? '', via: 'volumes' });
    }
  }
  for (const mount of container.mounts ?? []) {
    if (mount.type === 'bind' && mount.source !== undefined) {
      paths.push({ source: mount.source, target: mount.target, via: 'mounts' });
    }
  }
  for (const device of container.devices ?? []) {
    paths.push({ source: device.hostPath, target: device.containerPath ?? '', via: 'devices' });
  }
  return paths;
}

/** A tmpfs the container mounts, with its size in bytes when one is set. */
export interface Tmpfs {
  target: string;
  sizeBytes?: number;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Every tmpfs of the container, from the `tmpfs` map and from `mounts` of type tmpfs. */
export function tmpfsOf(container: ContainerProps): Tmpfs[] {
  const mounts: Tmpfs[] = [];
  for (const [target, options] of Object.entries(container.tmpfs ?? {})) {
    const size = /(?:^|,)size=(\d+)([bkmg]?)(?:,|$)/i.exec(options);
    const sizeBytes = size
      ? Number(size[1]) * (SIZE_UNITS[(size[2] ?? '').toLowerCase()] ?? 1)
      : undefined;
    mounts.push({ target, sizeBytes });
  }
  for (const mount of container.mounts ?? []) {
    if (mount.type === 'tmpfs') {
      mounts.push({ target: mount.target, sizeBytes: mount.tmpfsOptions?.sizeBytes });
    }
  }
  return mounts;
}

/** Splits `securityOpts` entries (`key=value` or the older `key:value`) into pairs. */
export function securityOptions(container: ContainerProps): { key: string; value: string }[] {
  return (container.securityOpts ?? []).map((option) => {
    const separator = option.search(/[=:]/);
    if (separator === -1) return { key: option, value: '' };
    return { key: option.slice(0, separator), value: option.slice(separator + 1) };
  });
}
