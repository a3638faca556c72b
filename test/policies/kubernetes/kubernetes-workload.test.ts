import { describe, expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import {
  authDeployment,
  containerOf as container,
  datastoreStatefulSet,
  k8s,
  podOf as pod,
  type Workload,
} from '../support/k8s-baselines.js';
import { resourceViolations, sorted, type Violation } from '../support/pack.js';

const v = (policy: string, message: string): Violation => ({
  policy: `kubernetes-workload-${policy}`,
  message,
});

const AUTH = "container 'auth'";

interface Case {
  name: string;
  change: (workload: Workload) => void;
  expected: Violation[];
  base?: () => Workload;
}

const cases: Case[] = [
  {
    name: 'the host network is refused',
    change: (w) => (pod(w).hostNetwork = true),
    expected: [v('no-host-namespaces', 'spec.hostNetwork is true; leave it unset or false.')],
  },
  {
    name: 'the host PID namespace is refused',
    change: (w) => (pod(w).hostPID = true),
    expected: [v('no-host-namespaces', 'spec.hostPID is true; leave it unset or false.')],
  },
  {
    name: 'a privileged container is refused',
    change: (w) => (container(w).securityContext.privileged = true),
    expected: [v('no-privileged', `${AUTH} sets privileged: true; leave it unset or false.`)],
  },
  {
    name: 'a privileged init container is refused too',
    change: (w) =>
      (pod(w).initContainers = [
        {
          ...structuredClone(container(w)),
          name: 'migrate',
          securityContext: { ...container(w).securityContext, privileged: true },
        },
      ]),
    expected: [
      v('no-privileged', "initContainer 'migrate' sets privileged: true; leave it unset or false."),
    ],
  },
  {
    name: 'a Windows HostProcess container is refused',
    change: (w) => (container(w).securityContext.windowsOptions = { hostProcess: true }),
    expected: [
      v(
        'no-host-process',
        `${AUTH} sets windowsOptions.hostProcess: true; leave it unset or false.`,
      ),
    ],
  },
  {
    name: 'a hostPath volume is refused by the baseline and the restricted volume list',
    change: (w) =>
      pod(w).volumes?.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }),
    expected: [
      v(
        'no-host-path-volumes',
        "volume 'docker' mounts host path /var/run/docker.sock; use a PVC.",
      ),
      v(
        'restricted-volume-types',
        "volume 'docker' is of type hostPath; use one of configMap, csi, downwardAPI, emptyDir, " +
          'ephemeral, persistentVolumeClaim, projected, secret.',
      ),
    ],
  },
  {
    name: 'a host port is refused',
    change: (w) => (container(w).ports = [{ containerPort: 8089, hostPort: 8089 }]),
    expected: [v('no-host-ports', `${AUTH} binds host port 8089; leave hostPort unset.`)],
  },
  {
    name: 'a probe aimed at another host is refused',
    change: (w) =>
      (container(w).livenessProbe = {
        httpGet: { path: '/health/live', port: 8089, host: '169.254.169.254' },
      }),
    expected: [
      v(
        'probes-no-host-override',
        `${AUTH} livenessProbe targets host 169.254.169.254; leave host unset.`,
      ),
    ],
  },
  {
    name: 'an unconfined AppArmor profile is refused',
    change: (w) => (container(w).securityContext.appArmorProfile = { type: 'Unconfined' }),
    expected: [
      v(
        'apparmor-not-unconfined',
        `${AUTH} appArmorProfile is Unconfined; use RuntimeDefault or Localhost.`,
      ),
    ],
  },
  {
    name: 'the beta AppArmor annotation set to unconfined is refused',
    change: (w) =>
      (w.spec.template.metadata.annotations = {
        'container.apparmor.security.beta.kubernetes.io/auth': 'unconfined',
      }),
    expected: [
      v(
        'apparmor-not-unconfined',
        'annotation container.apparmor.security.beta.kubernetes.io/auth is unconfined; use ' +
          'runtime/default or localhost/<profile>.',
      ),
    ],
  },
  {
    name: 'a custom SELinux user is refused',
    change: (w) => (pod(w).securityContext.seLinuxOptions = { user: 'system_u' }),
    expected: [
      v(
        'selinux-restricted',
        'the pod sets seLinuxOptions user system_u; leave user and role unset, type container_t.',
      ),
    ],
  },
  {
    name: 'an unmasked /proc is refused',
    change: (w) => (container(w).securityContext.procMount = 'Unmasked'),
    expected: [
      v('default-proc-mount', `${AUTH} sets procMount Unmasked; leave it unset or Default.`),
    ],
  },
  {
    name: 'an unsafe sysctl is refused',
    change: (w) => (pod(w).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]),
    expected: [v('safe-sysctls', 'the pod sets sysctl kernel.msgmax; set only safe ones.')],
  },
  {
    name: 'a container that may escalate privileges is refused',
    change: (w) => delete container(w).securityContext.allowPrivilegeEscalation,
    expected: [
      v('no-privilege-escalation', `${AUTH} does not set allowPrivilegeEscalation: false; set it.`),
    ],
  },
  {
    name: 'a pod that may run as root is refused',
    change: (w) => delete pod(w).securityContext.runAsNonRoot,
    expected: [
      v(
        'run-as-non-root',
        `${AUTH} may run as root; set runAsNonRoot: true on the pod or the container.`,
      ),
    ],
  },
  {
    name: 'a container that overrides runAsNonRoot to false is refused',
    change: (w) => (container(w).securityContext.runAsNonRoot = false),
    expected: [
      v(
        'run-as-non-root',
        `${AUTH} may run as root; set runAsNonRoot: true on the pod or the container.`,
      ),
    ],
  },
  {
    name: 'uid 0 is refused by the non-root and uid rules',
    change: (w) => (container(w).securityContext.runAsUser = 0),
    expected: [
      v('run-as-non-root', `${AUTH} sets runAsUser: 0; use a non-zero uid.`),
      v('uid-gid-above-10000', `${AUTH} runAsUser is 0; use at least 10000.`),
    ],
  },
  {
    name: 'a pod without a seccomp profile is refused',
    change: (w) => delete pod(w).securityContext.seccompProfile,
    expected: [
      v(
        'seccomp-runtime-default',
        `${AUTH} has no seccomp profile; set seccompProfile.type: RuntimeDefault.`,
      ),
    ],
  },
  {
    name: 'an unconfined seccomp profile is refused',
    change: (w) => (pod(w).securityContext.seccompProfile = { type: 'Unconfined' }),
    expected: [
      v('seccomp-runtime-default', "the pod's seccompProfile is Unconfined; use RuntimeDefault."),
    ],
  },
  {
    name: 'a container that keeps its capabilities is refused',
    change: (w) => (container(w).securityContext.capabilities = { drop: ['NET_RAW'] }),
    expected: [v('drop-all-capabilities', `${AUTH} does not drop ALL capabilities; drop ALL.`)],
  },
  {
    name: 'adding NET_BIND_SERVICE is refused, though Pod Security restricted allows it',
    change: (w) =>
      (container(w).securityContext.capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
    expected: [
      v('no-added-capabilities', `${AUTH} adds capabilities [NET_BIND_SERVICE]; add none.`),
    ],
  },
  {
    name: 'the root group as fsGroup is refused',
    change: (w) => (pod(w).securityContext.fsGroup = 0),
    expected: [v('non-root-groups', 'the pod sets fsGroup: 0; use a non-zero gid.')],
  },
  {
    name: 'a gid below 10000 is refused for the auth service',
    change: (w) => (pod(w).securityContext.runAsGroup = 1000),
    expected: [v('uid-gid-above-10000', `${AUTH} runAsGroup is 1000; use at least 10000.`)],
  },
  {
    name: 'a pod that leaves its uid to the image is refused',
    change: (w) => delete pod(w).securityContext.runAsUser,
    expected: [v('uid-gid-above-10000', `${AUTH} has no runAsUser; set it to at least 10000.`)],
  },
  {
    name: 'a container without a readiness probe is refused',
    change: (w) => delete container(w).readinessProbe,
    expected: [v('liveness-readiness-probes', `${AUTH} has no readinessProbe; add one.`)],
  },
  {
    name: 'an exec probe through a shell is refused',
    change: (w) =>
      (container(w).livenessProbe = {
        exec: { command: ['sh', '-c', 'wget -qO- localhost:8089'] },
      }),
    expected: [
      v(
        'liveness-readiness-probes',
        `${AUTH} livenessProbe runs sh; probe with httpGet or the image's own program.`,
      ),
    ],
  },
  {
    name: 'a container without a memory limit is refused',
    change: (w) => delete container(w).resources.limits?.memory,
    expected: [v('resource-requests-limits', `${AUTH} has no limits.memory; set it.`)],
  },
  {
    name: 'a container without requests is refused for each missing request',
    change: (w) => delete container(w).resources.requests,
    expected: [
      v('resource-requests-limits', `${AUTH} has no requests.cpu; set it.`),
      v('resource-requests-limits', `${AUTH} has no requests.memory; set it.`),
    ],
  },
  {
    name: 'an emptyDir without a size limit is refused',
    change: (w) => (pod(w).volumes = [{ name: 'tmp', emptyDir: {} }]),
    expected: [v('emptydir-size-limit', "emptyDir volume 'tmp' has no sizeLimit; set one.")],
  },
  {
    name: 'a writable root filesystem is refused',
    change: (w) => (container(w).securityContext.readOnlyRootFilesystem = false),
    expected: [
      v('read-only-root-filesystem', `${AUTH} does not set readOnlyRootFilesystem: true; set it.`),
    ],
  },
  {
    name: 'an image by tag is refused',
    change: (w) => (container(w).image = 'registry.local:5000/lucid/auth-service:1.0.0'),
    expected: [
      v(
        'image-pinned-by-digest',
        `${AUTH} image 'registry.local:5000/lucid/auth-service:1.0.0' is not pinned; reference ` +
          'it by @sha256 digest.',
      ),
    ],
  },
  {
    name: 'an automounted service-account token is refused',
    change: (w) => delete pod(w).automountServiceAccountToken,
    expected: [
      v(
        'no-service-account-token',
        'the pod may mount a service-account token; set automountServiceAccountToken: false.',
      ),
    ],
  },
  {
    name: 'the default service account is refused',
    change: (w) => delete pod(w).serviceAccountName,
    expected: [
      v(
        'dedicated-service-account',
        "the pod runs as service account 'default'; set serviceAccountName.",
      ),
    ],
  },
  {
    name: 'the default namespace is refused',
    change: (w) => delete w.metadata.namespace,
    expected: [
      v(
        'not-default-namespace',
        "metadata.namespace is unset or 'default'; put it in the app's namespace.",
      ),
    ],
  },
  {
    name: 'a literal secret in env is refused',
    change: (w) => container(w).env?.push({ name: 'REDIS_PASSWORD', value: 'correct-horse' }),
    expected: [
      v(
        'secrets-from-references',
        `${AUTH}: REDIS_PASSWORD holds a literal secret value; take it from a Secret with secretKeyRef.`,
      ),
    ],
  },
  {
    name: 'a secret read from a ConfigMap is refused',
    change: (w) =>
      container(w).env?.push({
        name: 'API_TOKEN',
        valueFrom: { configMapKeyRef: { name: 'settings', key: 'token' } },
      }),
    expected: [
      v(
        'secrets-from-references',
        `${AUTH}: API_TOKEN comes from a ConfigMap; take it from a Secret.`,
      ),
    ],
  },
  {
    name: 'one replica draws an advisory',
    change: (w) => (w.spec.replicas = 1),
    expected: [v('min-replicas', 'replicas is 1; run at least 2.')],
  },
  {
    name: 'pods not spread over nodes draw an advisory',
    change: (w) => delete pod(w).affinity,
    expected: [
      v(
        'pod-anti-affinity',
        'pods are not spread over nodes; add podAntiAffinity or topologySpreadConstraints.',
      ),
    ],
  },
  {
    name: 'MongoDB at uid 999 passes, but not at uid 1000',
    base: () => datastoreStatefulSet('lucid-mongodb'),
    change: (w) => (pod(w).securityContext.runAsUser = 1000),
    expected: [
      v('uid-gid-above-10000', "container 'mongodb' runAsUser is 1000; use at least 10000."),
    ],
  },
];

describe('Kubernetes workload policies', () => {
  it('pass the compliant auth Deployment and datastore StatefulSets', async () => {
    expect(await resourceViolations(k8s(TYPE.k8sDeployment, authDeployment()))).toEqual([]);
    for (const name of ['lucid-mongodb', 'lucid-redis'] as const) {
      const workload = datastoreStatefulSet(name);
      expect(await resourceViolations(k8s(TYPE.k8sStatefulSet, workload))).toEqual([]);
    }
  });

  it.each(cases)('$name', async ({ change, expected, base = authDeployment }) => {
    const workload = base();
    change(workload);
    const type = base === authDeployment ? TYPE.k8sDeployment : TYPE.k8sStatefulSet;
    expect(sorted(await resourceViolations(k8s(type, workload)))).toEqual(sorted(expected));
  });

  it('check the pod of a CronJob where its job template keeps it', async () => {
    const template = structuredClone(authDeployment().spec.template);
    template.spec.hostPID = true;
    const cronJob = {
      metadata: { name: 'purge', namespace: 'lucid-auth' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template } } },
    };

    expect(await resourceViolations(k8s(TYPE.k8sCronJob, cronJob))).toEqual([
      v('no-host-namespaces', 'spec.hostPID is true; leave it unset or false.'),
    ]);
  });
});

describe('Kubernetes Service policy', () => {
  const service = (spec: object, name = 'lucid-auth-service', namespace = 'lucid-auth') =>
    resourceViolations(k8s(TYPE.k8sService, { metadata: { name, namespace }, spec }));

  it('passes a ClusterIP Service', async () => {
    expect(await service({ ports: [{ port: 8089 }] })).toEqual([]);
  });

  it('refuses a NodePort Service', async () => {
    expect(await service({ type: 'NodePort', ports: [{ port: 8089 }] })).toEqual([
      {
        policy: 'kubernetes-service-no-node-port-or-load-balancer',
        message:
          'Service lucid-auth/lucid-auth-service is NodePort; make it ClusterIP and route ' +
          'through the Ingress.',
      },
    ]);
  });

  it('allows the ingress controller to be a LoadBalancer', async () => {
    expect(await service({ type: 'LoadBalancer' }, 'traefik', 'kube-system')).toEqual([]);
  });

  it('refuses externalIPs even on a ClusterIP Service', async () => {
    expect(await service({ externalIPs: ['192.168.1.20'] })).toEqual([
      {
        policy: 'kubernetes-service-no-node-port-or-load-balancer',
        message: 'Service lucid-auth/lucid-auth-service sets externalIPs; remove them (KSV-0108).',
      },
    ]);
  });
});
