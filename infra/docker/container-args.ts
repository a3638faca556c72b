import type * as docker from '@pulumi/docker';
import type * as pulumi from '@pulumi/pulumi';

import type { DockerContainerSpec } from './container-specs.js';

/** Turns a plain container spec into `docker.Container` arguments, field for field. */
export function containerArgs(
  spec: DockerContainerSpec<pulumi.Output<string>>,
): docker.ContainerArgs {
  return {
    name: spec.name,
    image: spec.image,
    user: spec.user,
    ...(spec.command ? { command: [...spec.command] } : {}),
    envs: [...spec.envs],
    uploads: spec.uploads.map((u) => ({
      file: u.file,
      content: u.content,
      permissions: u.permissions,
    })),
    volumes: spec.volumes.map((v) => ({ ...v })),
    networksAdvanced: spec.networks.map((n) => ({ name: n.name, aliases: [...n.aliases] })),
    ports: spec.ports.map((p) => ({ ...p })),
    memory: spec.memory,
    memorySwap: spec.memorySwap,
    cpus: spec.cpus,
    readOnly: spec.readOnly,
    tmpfs: { ...spec.tmpfs },
    capabilities: { drops: [...spec.capabilities.drops], adds: [...spec.capabilities.adds] },
    securityOpts: [...spec.securityOpts],
    privileged: spec.privileged,
    ipcMode: spec.ipcMode,
    init: spec.init,
    restart: spec.restart,
    ...(spec.maxRetryCount === undefined ? {} : { maxRetryCount: spec.maxRetryCount }),
    logDriver: spec.logDriver,
    logOpts: { ...spec.logOpts },
    healthcheck: {
      tests: [...spec.healthcheck.tests],
      interval: spec.healthcheck.interval,
      timeout: spec.healthcheck.timeout,
      retries: spec.healthcheck.retries,
      startPeriod: spec.healthcheck.startPeriod,
    },
    stopSignal: spec.stopSignal,
    stopTimeout: spec.stopTimeout,
    destroyGraceSeconds: spec.stopTimeout,
    labels: spec.labels.map((l) => ({ ...l })),
    // `pulumi up` finishes only when Docker reports the container healthy.
    wait: true,
    waitTimeout: 180,
  };
}
