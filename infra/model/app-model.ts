/** Names of the generated secrets every stack keeps as Pulumi secrets. */
export type SecretName =
  'mongodbRootPassword' | 'mongodbAppPassword' | 'redisPassword' | 'keyEncryptionSecret';

/** Plain values of the generated secrets (the Pulumi renderers hold them as outputs). */
export type SecretValues = Readonly<Record<SecretName, string>>;

/** The three services of the application. */
export type ServiceRole = 'auth' | 'mongodb' | 'redis';

/** A file a container reads at start; `secret` files hold credentials. */
export interface FileModel {
  /** Stable id, also the key in a Kubernetes Secret or ConfigMap. */
  readonly id: string;
  /** Absolute path inside the container. */
  readonly path: string;
  readonly secret: boolean;
}

/** A persistent or secret-carrying volume mounted into one service. */
export interface VolumeModel {
  readonly name: string;
  readonly mountPath: string;
  readonly purpose: 'data' | 'secrets' | 'init';
  /** Size requested on Kubernetes, in GiB (data volumes only). */
  readonly sizeGi?: number;
}

/** Exec-form health check (Docker) and its timing, in seconds. */
export interface HealthCheckModel {
  readonly exec: readonly string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

/** HTTP paths probed on Kubernetes. */
export interface HttpProbesModel {
  readonly startup: string;
  readonly readiness: string;
  readonly liveness: string;
}

/** One service: everything both renderers need to run it. */
export interface ServiceModel {
  readonly role: ServiceRole;
  /** Container name on Docker, object name on Kubernetes, host name on the network. */
  readonly name: string;
  /** Image reference; for the auth service this is replaced by the built image's digest. */
  readonly image: string;
  readonly port: number;
  readonly uid: number;
  readonly gid: number;
  readonly command: readonly string[] | undefined;
  /** Non-secret environment only; secrets arrive as files named by *_FILE variables. */
  readonly env: Readonly<Record<string, string>>;
  readonly files: readonly FileModel[];
  readonly volumes: readonly VolumeModel[];
  readonly memoryMb: number;
  readonly cpus: string;
  readonly tmpfsSizeMb: number;
  readonly health: HealthCheckModel;
  readonly httpProbes: HttpProbesModel | undefined;
}

/** How the service image is obtained. */
export interface ImageModel {
  /** A prebuilt image pinned by digest; when set nothing is built. */
  readonly prebuilt: string | undefined;
  readonly repository: string;
  readonly tag: string;
  /** Build context and Dockerfile, relative to the repository root. */
  readonly context: string;
  readonly dockerfile: string;
  /** Target platform; undefined builds for the engine's own. */
  readonly platform: 'linux/amd64' | 'linux/arm64' | undefined;
  readonly push: boolean;
  readonly registryServer: string | undefined;
  readonly registryUsername: string | undefined;
}

/** Docker-specific placement: engine, networks and published port. */
export interface DockerTargetModel {
  readonly host: string | undefined;
  /** Network the service is published from. */
  readonly publicNetwork: string;
  /** Internal network (no outside route) shared by the service and the databases. */
  readonly internalNetwork: string;
  readonly hostInterface: string;
  readonly hostPort: number;
  readonly restart: 'unless-stopped' | 'on-failure';
  readonly maxRetryCount: number;
}

/** Kubernetes-specific placement. */
export interface KubernetesTargetModel {
  readonly namespace: string;
  readonly ingressHost: string;
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly storageClass: string;
}

/** The whole application, independent of where it runs. */
export interface AppModel {
  readonly project: string;
  readonly stack: string;
  readonly target: 'docker' | 'kubernetes';
  readonly image: ImageModel;
  readonly services: Readonly<Record<ServiceRole, ServiceModel>>;
  readonly docker: DockerTargetModel;
  readonly kubernetes: KubernetesTargetModel;
  readonly labels: Readonly<Record<string, string>>;
  /** Values the generated files need (database name, Redis memory cap). */
  readonly settings: { readonly mongodbDatabase: string; readonly redisMaxMemoryMb: number };
}
