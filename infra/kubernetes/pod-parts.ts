import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';

import type { ServiceModel, VolumeModel } from '../model/app-model.js';
import { containerSecurityContext } from './pod-security.js';

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;
type Probe = k8s.types.input.core.v1.Probe;

/** Name of the Secret holding a service's secret files. */
export const filesSecretName = (service: ServiceModel): string => `${service.name}-files`;

/** Name of the ConfigMap holding a service's non-secret files (MongoDB's init script). */
export const initConfigMapName = (service: ServiceModel): string => `${service.name}-init`;

/** Limits from the model; requests a quarter of the CPU and half the memory. */
export function resources(service: ServiceModel): k8s.types.input.core.v1.ResourceRequirements {
  const millicores = Math.round(Number(service.cpus) * 1000);
  return {
    limits: { cpu: `${millicores}m`, memory: `${service.memoryMb}Mi` },
    requests: {
      cpu: `${Math.max(50, Math.round(millicores / 4))}m`,
      memory: `${Math.round(service.memoryMb / 2)}Mi`,
    },
  };
}

/** The container of one service: its image, env, files, limits and probes. */
export function serviceContainer(
  service: ServiceModel,
  image: pulumi.Input<string>,
  probes: { startupProbe: Probe; readinessProbe: Probe; livenessProbe: Probe },
): Container {
  return {
    name: service.role,
    image,
    imagePullPolicy: 'IfNotPresent',
    ...(service.command ? { command: [...service.command] } : {}),
    ports: [{ name: portName(service), containerPort: service.port, protocol: 'TCP' }],
    env: Object.entries(service.env)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => ({ name, value })),
    resources: resources(service),
    securityContext: containerSecurityContext(service),
    volumeMounts: [
      ...service.volumes.map((v) => ({
        name: v.purpose,
        mountPath: v.mountPath,
        readOnly: v.purpose !== 'data',
      })),
      { name: 'tmp', mountPath: '/tmp' },
    ],
    ...probes,
  };
}

/** Pod volumes: Secret and ConfigMap files, and a size-capped /tmp (data comes from claims). */
export function podVolumes(service: ServiceModel): Volume[] {
  const volumes = service.volumes
    .filter((v) => v.purpose !== 'data')
    .map((v): Volume => fileVolume(service, v));
  return [
    ...volumes,
    { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: `${service.tmpfsSizeMb}Mi` } },
  ];
}

/** Exec probes for the databases, from the same command as their Docker health check. */
export function execProbes(service: ServiceModel): {
  startupProbe: Probe;
  readinessProbe: Probe;
  livenessProbe: Probe;
} {
  const { health } = service;
  const exec = { command: [...health.exec] };
  const base = { exec, timeoutSeconds: health.timeoutSeconds };
  return {
    startupProbe: { ...base, periodSeconds: 5, failureThreshold: 60 },
    readinessProbe: { ...base, periodSeconds: health.intervalSeconds, failureThreshold: 3 },
    livenessProbe: {
      ...base,
      periodSeconds: health.intervalSeconds * 2,
      failureThreshold: health.retries,
    },
  };
}

/** The named container port ("http" for the service, the role for the databases). */
export function portName(service: ServiceModel): string {
  return service.role === 'auth' ? 'http' : service.role;
}

function fileVolume(service: ServiceModel, volume: VolumeModel): Volume {
  if (volume.purpose === 'init') {
    return {
      name: volume.purpose,
      configMap: { name: initConfigMapName(service), defaultMode: 0o444 },
    };
  }
  // Group-readable only: the pod's fsGroup is the service's own group.
  return {
    name: volume.purpose,
    secret: { secretName: filesSecretName(service), defaultMode: 0o440 },
  };
}
