import type { AppModel, ServiceModel, ServiceRole } from '../model/app-model.js';

/** A file copied into the container before it starts (onto a volume, never the root). */
export interface DockerUploadSpec<V> {
  readonly file: string;
  readonly content: V | string;
  /** World-readable: the volume is mounted in this one container, whose user must read it. */
  readonly permissions: string;
}

/** One container as plain data, shaped like `docker.ContainerArgs`. */
export interface DockerContainerSpec<V = string> {
  readonly role: ServiceRole;
  readonly name: string;
  readonly image: V | string;
  readonly user: string;
  readonly command: readonly string[] | undefined;
  /** `KEY=value` pairs, sorted; never a secret value. */
  readonly envs: readonly string[];
  readonly uploads: readonly DockerUploadSpec<V>[];
  readonly volumes: readonly { readonly volumeName: string; readonly containerPath: string }[];
  readonly networks: readonly { readonly name: string; readonly aliases: readonly string[] }[];
  readonly ports: readonly {
    readonly internal: number;
    readonly external: number;
    readonly ip: string;
    readonly protocol: 'tcp';
  }[];
  /** MB; memorySwap equals memory, so the container gets no swap. */
  readonly memory: number;
  readonly memorySwap: number;
  readonly cpus: string;
  readonly readOnly: true;
  readonly tmpfs: Readonly<Record<string, string>>;
  readonly capabilities: { readonly drops: readonly string[]; readonly adds: readonly string[] };
  readonly securityOpts: readonly string[];
  readonly privileged: false;
  readonly ipcMode: 'private';
  readonly init: true;
  readonly restart: 'unless-stopped' | 'on-failure';
  readonly maxRetryCount: number | undefined;
  readonly logDriver: 'local';
  readonly logOpts: Readonly<Record<string, string>>;
  readonly healthcheck: {
    readonly tests: readonly string[];
    readonly interval: string;
    readonly timeout: string;
    readonly retries: number;
    readonly startPeriod: string;
  };
  readonly stopSignal: 'SIGTERM';
  readonly stopTimeout: number;
  readonly labels: readonly { readonly label: string; readonly value: string }[];
}

/** Everything the Docker target declares, as plain data. */
export interface DockerSpecs<V = string> {
  readonly networks: readonly { readonly name: string; readonly internal: boolean }[];
  readonly volumes: readonly { readonly name: string; readonly role: ServiceRole }[];
  /** In start order: databases first. */
  readonly containers: readonly DockerContainerSpec<V>[];
}

/** Values that are outputs under Pulumi and plain strings in the e2e suite. */
export interface DockerSpecInputs<V> {
  /** The auth image reference; the Pulumi renderer passes the built image's digest. */
  readonly authImage: V | string;
  /** Database images to run instead of the model's (pulled digests, or local stand-ins). */
  readonly databaseImages?: Partial<Readonly<Record<'mongodb' | 'redis', V | string>>>;
  /** File contents by service and file id (see `fileContents`). */
  readonly files: Readonly<Record<ServiceRole, Readonly<Record<string, V | string>>>>;
}

/**
 * The Docker containers, networks and volumes of a stack as plain data. The Docker renderer
 * declares exactly these, and the e2e suite runs them on a real engine.
 */
export function dockerContainerSpecs<V = string>(
  model: AppModel,
  inputs: DockerSpecInputs<V>,
): DockerSpecs<V> {
  const { auth, mongodb, redis } = model.services;
  const services = [mongodb, redis, auth];

  return {
    networks: [
      { name: model.docker.publicNetwork, internal: false },
      { name: model.docker.internalNetwork, internal: true },
    ],
    volumes: services.flatMap((s) => s.volumes.map((v) => ({ name: v.name, role: s.role }))),
    containers: services.map((service) =>
      containerSpec(model, service, {
        image:
          service.role === 'auth'
            ? inputs.authImage
            : (inputs.databaseImages?.[service.role] ?? service.image),
        files: inputs.files[service.role],
      }),
    ),
  };
}

function containerSpec<V>(
  model: AppModel,
  service: ServiceModel,
  inputs: { image: V | string; files: Readonly<Record<string, V | string>> },
): DockerContainerSpec<V> {
  const { docker } = model;
  const isAuth = service.role === 'auth';

  return {
    role: service.role,
    name: service.name,
    image: inputs.image,
    user: `${service.uid}:${service.gid}`,
    command: service.command,
    envs: Object.entries(service.env)
      .map(([key, value]) => `${key}=${value}`)
      .sort(),
    uploads: service.files.map((file) => ({
      file: file.path,
      content: requireContent(inputs.files, service, file.id),
      permissions: '0444',
    })),
    volumes: service.volumes.map((v) => ({ volumeName: v.name, containerPath: v.mountPath })),
    networks: isAuth
      ? [
          { name: docker.publicNetwork, aliases: [service.name] },
          { name: docker.internalNetwork, aliases: [service.name] },
        ]
      : [{ name: docker.internalNetwork, aliases: [service.name] }],
    ports: isAuth
      ? [
          {
            internal: service.port,
            external: docker.hostPort,
            ip: docker.hostInterface,
            protocol: 'tcp',
          },
        ]
      : [],
    memory: service.memoryMb,
    memorySwap: service.memoryMb,
    cpus: service.cpus,
    readOnly: true,
    tmpfs: { '/tmp': `rw,noexec,nosuid,nodev,size=${service.tmpfsSizeMb}m` },
    capabilities: { drops: ['ALL'], adds: [] },
    securityOpts: ['no-new-privileges:true'],
    privileged: false,
    ipcMode: 'private',
    init: true,
    restart: docker.restart,
    maxRetryCount: docker.restart === 'on-failure' ? docker.maxRetryCount : undefined,
    logDriver: 'local',
    logOpts: { 'max-file': '3', 'max-size': '10m' },
    healthcheck: {
      tests: ['CMD', ...service.health.exec],
      interval: `${service.health.intervalSeconds}s`,
      timeout: `${service.health.timeoutSeconds}s`,
      retries: service.health.retries,
      startPeriod: `${service.health.startPeriodSeconds}s`,
    },
    stopSignal: 'SIGTERM',
    stopTimeout: 10,
    labels: Object.entries({ ...model.labels, service: service.name, role: service.role })
      .map(([label, value]) => ({ label, value }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

function requireContent<V>(
  files: Readonly<Record<string, V | string>>,
  service: ServiceModel,
  id: string,
): V | string {
  const content = files[id];
  if (content === undefined) {
    throw new Error(`No content was given for ${service.name}'s file ${id}`);
  }
  return content;
}
