import type { Policies } from '@pulumi/policy';

import { dockerContainerApparmorNotUnconfined } from './docker/docker-container-apparmor-not-unconfined.js';
import { dockerContainerBoundedRestartPolicy } from './docker/docker-container-bounded-restart-policy.js';
import { dockerContainerCpuLimit } from './docker/docker-container-cpu-limit.js';
import { dockerContainerDatastorePublishesNothing } from './docker/docker-container-datastore-publishes-nothing.js';
import { dockerContainerDropAllCapabilities } from './docker/docker-container-drop-all-capabilities.js';
import { dockerContainerExecFormHealthcheck } from './docker/docker-container-exec-form-healthcheck.js';
import { dockerContainerImageNotLatest } from './docker/docker-container-image-not-latest.js';
import { dockerContainerImagePinnedByDigest } from './docker/docker-container-image-pinned-by-digest.js';
import { dockerContainerImagePlatform } from './docker/docker-container-image-platform.js';
import { dockerContainerInitProcess } from './docker/docker-container-init-process.js';
import { dockerContainerLogRotation } from './docker/docker-container-log-rotation.js';
import { dockerContainerMemoryLimitNoSwap } from './docker/docker-container-memory-limit-no-swap.js';
import { dockerContainerNoAddedCapabilities } from './docker/docker-container-no-added-capabilities.js';
import { dockerContainerNoDockerSocket } from './docker/docker-container-no-docker-socket.js';
import { dockerContainerNoHostDevices } from './docker/docker-container-no-host-devices.js';
import { dockerContainerNoHostNamespaces } from './docker/docker-container-no-host-namespaces.js';
import { dockerContainerNoLiteralSecretsInEnv } from './docker/docker-container-no-literal-secrets-in-env.js';
import { dockerContainerNoNewPrivileges } from './docker/docker-container-no-new-privileges.js';
import { dockerContainerNoPrivileged } from './docker/docker-container-no-privileged.js';
import { dockerContainerNoRootGroup } from './docker/docker-container-no-root-group.js';
import { dockerContainerNoSensitiveHostMounts } from './docker/docker-container-no-sensitive-host-mounts.js';
import { dockerContainerNonRootUser } from './docker/docker-container-non-root-user.js';
import { dockerContainerPortsBoundToInterface } from './docker/docker-container-ports-bound-to-interface.js';
import { dockerContainerPrivateMountPropagation } from './docker/docker-container-private-mount-propagation.js';
import { dockerContainerPublishesOnlyAuthPort } from './docker/docker-container-publishes-only-auth-port.js';
import { dockerContainerReadOnlyRootFilesystem } from './docker/docker-container-read-only-root-filesystem.js';
import { dockerContainerSafeSysctls } from './docker/docker-container-safe-sysctls.js';
import { dockerContainerSeccompNotUnconfined } from './docker/docker-container-seccomp-not-unconfined.js';
import { dockerContainerSelinuxLabelsEnabled } from './docker/docker-container-selinux-labels-enabled.js';
import { dockerContainerTlsVerificationEnabled } from './docker/docker-container-tls-verification-enabled.js';
import { dockerContainerTmpfsSizeLimited } from './docker/docker-container-tmpfs-size-limited.js';
import { dockerContainerUserDefinedNetwork } from './docker/docker-container-user-defined-network.js';
import { dockerImageDockerfileBasePinnedByDigest } from './docker/docker-image-dockerfile-base-pinned-by-digest.js';
import { dockerImageDockerfileDistrolessBase } from './docker/docker-image-dockerfile-distroless-base.js';
import { dockerImageDockerfileExecFormEntrypoint } from './docker/docker-image-dockerfile-exec-form-entrypoint.js';
import { dockerImageDockerfileExposesAuthPort } from './docker/docker-image-dockerfile-exposes-auth-port.js';
import { dockerImageDockerfileNoAdd } from './docker/docker-image-dockerfile-no-add.js';
import { dockerImageDockerfileNoSecretsInArgEnv } from './docker/docker-image-dockerfile-no-secrets-in-arg-env.js';
import { dockerImageDockerfileNumericNonRootUser } from './docker/docker-image-dockerfile-numeric-non-root-user.js';
import { dockerImageDockerfileReadable } from './docker/docker-image-dockerfile-readable.js';
import { dockerImageDockerfileSingleExecHealthcheck } from './docker/docker-image-dockerfile-single-exec-healthcheck.js';
import { dockerImagePlatform } from './docker/docker-image-platform.js';
import { dockerNetworkDatastoresIsolated } from './docker/docker-network-datastores-isolated.js';
import { dockerRemoteImagePinnedByDigest } from './docker/docker-remote-image-pinned-by-digest.js';
import { dockerRemoteImagePlatform } from './docker/docker-remote-image-platform.js';
import { kubernetesNamespaceRestrictedPodSecurity } from './kubernetes/kubernetes-namespace-restricted-pod-security.js';
import { kubernetesNetworkpolicyDatastoresOnlyFromService } from './kubernetes/kubernetes-networkpolicy-datastores-only-from-service.js';
import { kubernetesNetworkpolicySelectsEveryWorkload } from './kubernetes/kubernetes-networkpolicy-selects-every-workload.js';
import { kubernetesServiceNoNodePortOrLoadBalancer } from './kubernetes/kubernetes-service-no-node-port-or-load-balancer.js';
import { kubernetesWorkloadApparmorNotUnconfined } from './kubernetes/kubernetes-workload-apparmor-not-unconfined.js';
import { kubernetesWorkloadDedicatedServiceAccount } from './kubernetes/kubernetes-workload-dedicated-service-account.js';
import { kubernetesWorkloadDefaultProcMount } from './kubernetes/kubernetes-workload-default-proc-mount.js';
import { kubernetesWorkloadDropAllCapabilities } from './kubernetes/kubernetes-workload-drop-all-capabilities.js';
import { kubernetesWorkloadEmptydirSizeLimit } from './kubernetes/kubernetes-workload-emptydir-size-limit.js';
import { kubernetesWorkloadImagePinnedByDigest } from './kubernetes/kubernetes-workload-image-pinned-by-digest.js';
import { kubernetesWorkloadLivenessReadinessProbes } from './kubernetes/kubernetes-workload-liveness-readiness-probes.js';
import { kubernetesWorkloadMinReplicas } from './kubernetes/kubernetes-workload-min-replicas.js';
import { kubernetesWorkloadNoAddedCapabilities } from './kubernetes/kubernetes-workload-no-added-capabilities.js';
import { kubernetesWorkloadNoHostNamespaces } from './kubernetes/kubernetes-workload-no-host-namespaces.js';
import { kubernetesWorkloadNoHostPathVolumes } from './kubernetes/kubernetes-workload-no-host-path-volumes.js';
import { kubernetesWorkloadNoHostPorts } from './kubernetes/kubernetes-workload-no-host-ports.js';
import { kubernetesWorkloadNoHostProcess } from './kubernetes/kubernetes-workload-no-host-process.js';
import { kubernetesWorkloadNoPrivilegeEscalation } from './kubernetes/kubernetes-workload-no-privilege-escalation.js';
import { kubernetesWorkloadNoPrivileged } from './kubernetes/kubernetes-workload-no-privileged.js';
import { kubernetesWorkloadNoServiceAccountToken } from './kubernetes/kubernetes-workload-no-service-account-token.js';
import { kubernetesWorkloadNonRootGroups } from './kubernetes/kubernetes-workload-non-root-groups.js';
import { kubernetesWorkloadNotDefaultNamespace } from './kubernetes/kubernetes-workload-not-default-namespace.js';
import { kubernetesWorkloadPodAntiAffinity } from './kubernetes/kubernetes-workload-pod-anti-affinity.js';
import { kubernetesWorkloadPodDisruptionBudget } from './kubernetes/kubernetes-workload-pod-disruption-budget.js';
import { kubernetesWorkloadProbesNoHostOverride } from './kubernetes/kubernetes-workload-probes-no-host-override.js';
import { kubernetesWorkloadReadOnlyRootFilesystem } from './kubernetes/kubernetes-workload-read-only-root-filesystem.js';
import { kubernetesWorkloadResourceRequestsLimits } from './kubernetes/kubernetes-workload-resource-requests-limits.js';
import { kubernetesWorkloadRestrictedVolumeTypes } from './kubernetes/kubernetes-workload-restricted-volume-types.js';
import { kubernetesWorkloadRunAsNonRoot } from './kubernetes/kubernetes-workload-run-as-non-root.js';
import { kubernetesWorkloadSafeSysctls } from './kubernetes/kubernetes-workload-safe-sysctls.js';
import { kubernetesWorkloadSeccompRuntimeDefault } from './kubernetes/kubernetes-workload-seccomp-runtime-default.js';
import { kubernetesWorkloadSecretsFromReferences } from './kubernetes/kubernetes-workload-secrets-from-references.js';
import { kubernetesWorkloadSelinuxRestricted } from './kubernetes/kubernetes-workload-selinux-restricted.js';
import { kubernetesWorkloadUidGidAbove10000 } from './kubernetes/kubernetes-workload-uid-gid-above-10000.js';

/** Every policy of the pack, Docker first, then Kubernetes. */
export const policies: Policies = [
  dockerContainerApparmorNotUnconfined,
  dockerContainerBoundedRestartPolicy,
  dockerContainerCpuLimit,
  dockerContainerDatastorePublishesNothing,
  dockerContainerDropAllCapabilities,
  dockerContainerExecFormHealthcheck,
  dockerContainerImageNotLatest,
  dockerContainerImagePinnedByDigest,
  dockerContainerImagePlatform,
  dockerContainerInitProcess,
  dockerContainerLogRotation,
  dockerContainerMemoryLimitNoSwap,
  dockerContainerNoAddedCapabilities,
  dockerContainerNoDockerSocket,
  dockerContainerNoHostDevices,
  dockerContainerNoHostNamespaces,
  dockerContainerNoLiteralSecretsInEnv,
  dockerContainerNoNewPrivileges,
  dockerContainerNoPrivileged,
  dockerContainerNoRootGroup,
  dockerContainerNoSensitiveHostMounts,
  dockerContainerNonRootUser,
  dockerContainerPortsBoundToInterface,
  dockerContainerPrivateMountPropagation,
  dockerContainerPublishesOnlyAuthPort,
  dockerContainerReadOnlyRootFilesystem,
  dockerContainerSafeSysctls,
  dockerContainerSeccompNotUnconfined,
  dockerContainerSelinuxLabelsEnabled,
  dockerContainerTlsVerificationEnabled,
  dockerContainerTmpfsSizeLimited,
  dockerContainerUserDefinedNetwork,
  dockerImageDockerfileBasePinnedByDigest,
  dockerImageDockerfileDistrolessBase,
  dockerImageDockerfileExecFormEntrypoint,
  dockerImageDockerfileExposesAuthPort,
  dockerImageDockerfileNoAdd,
  dockerImageDockerfileNoSecretsInArgEnv,
  dockerImageDockerfileNumericNonRootUser,
  dockerImageDockerfileReadable,
  dockerImageDockerfileSingleExecHealthcheck,
  dockerImagePlatform,
  dockerNetworkDatastoresIsolated,
  dockerRemoteImagePinnedByDigest,
  dockerRemoteImagePlatform,
  kubernetesNamespaceRestrictedPodSecurity,
  kubernetesNetworkpolicyDatastoresOnlyFromService,
  kubernetesNetworkpolicySelectsEveryWorkload,
  kubernetesServiceNoNodePortOrLoadBalancer,
  kubernetesWorkloadApparmorNotUnconfined,
  kubernetesWorkloadDedicatedServiceAccount,
  kubernetesWorkloadDefaultProcMount,
  kubernetesWorkloadDropAllCapabilities,
  kubernetesWorkloadEmptydirSizeLimit,
  kubernetesWorkloadImagePinnedByDigest,
  kubernetesWorkloadLivenessReadinessProbes,
  kubernetesWorkloadMinReplicas,
  kubernetesWorkloadNoAddedCapabilities,
  kubernetesWorkloadNoHostNamespaces,
  kubernetesWorkloadNoHostPathVolumes,
  kubernetesWorkloadNoHostPorts,
  kubernetesWorkloadNoHostProcess,
  kubernetesWorkloadNoPrivilegeEscalation,
  kubernetesWorkloadNoPrivileged,
  kubernetesWorkloadNoServiceAccountToken,
  kubernetesWorkloadNonRootGroups,
  kubernetesWorkloadNotDefaultNamespace,
  kubernetesWorkloadPodAntiAffinity,
  kubernetesWorkloadPodDisruptionBudget,
  kubernetesWorkloadProbesNoHostOverride,
  kubernetesWorkloadReadOnlyRootFilesystem,
  kubernetesWorkloadResourceRequestsLimits,
  kubernetesWorkloadRestrictedVolumeTypes,
  kubernetesWorkloadRunAsNonRoot,
  kubernetesWorkloadSafeSysctls,
  kubernetesWorkloadSeccompRuntimeDefault,
  kubernetesWorkloadSecretsFromReferences,
  kubernetesWorkloadSelinuxRestricted,
  kubernetesWorkloadUidGidAbove10000,
];
