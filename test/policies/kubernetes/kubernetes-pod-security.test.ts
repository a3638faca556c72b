import { describe, expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import {
  authDeployment,
  containerOf as container,
  datastoreStatefulSet,
  k8s,
  podOf as pod,
} from '../support/k8s-baselines.js';
import { resourceViolations } from '../support/pack.js';
import {
  AUTH,
  itRefusesEachChange,
  workloadViolation as v,
  type WorkloadCase,
} from '../support/workload-cases.js';

// Pod Security Standards, baseline then restricted, control by control.
const cases: WorkloadCase[] = [
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
    name: 'MongoDB at uid 999 passes, but not at uid 1000',
    base: () => datastoreStatefulSet('lucid-mongodb'),
    change: (w) => (pod(w).securityContext.runAsUser = 1000),
    expected: [
      v('uid-gid-above-10000', "container 'mongodb' runAsUser is 1000; use at least 10000."),
    ],
  },
];

describe('Kubernetes Pod Security policies', () => {
  it('pass the compliant auth Deployment and datastore StatefulSets', async () => {
    expect(await resourceViolations(k8s(TYPE.k8sDeployment, authDeployment()))).toEqual([]);
    for (const name of ['lucid-mongodb', 'lucid-redis'] as const) {
      const workload = datastoreStatefulSet(name);
      expect(await resourceViolations(k8s(TYPE.k8sStatefulSet, workload))).toEqual([]);
    }
  });

  itRefusesEachChange(cases);
});
