import { TYPE } from './type-tokens.js';
import type { K8sContainer, ObjectMeta, PodSpec } from './types.js';

/** Where a container sits in its pod. */
export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

/** One container of a pod, with the words a message needs to point at it. */
export interface PodContainer {
  kind: ContainerKind;
  container: K8sContainer;
  /** e.g. `container 'auth'` or `initContainer 'migrate'`. */
  label: string;
}

/** The pod a workload runs, found wherever its kind keeps the template. */
export interface PodView {
  spec: PodSpec;
  /** Labels of the pods (the template's, or the Pod's own). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

interface WorkloadInputs {
  metadata?: ObjectMeta;
  spec?: {
    template?: { metadata?: ObjectMeta; spec?: PodSpec };
    jobTemplate?: { spec?: { template?: { metadata?: ObjectMeta; spec?: PodSpec } } };
  } & PodSpec;
}

// Workloads that keep their pod under spec.template.
const TEMPLATED: readonly string[] = [
  TYPE.k8sDeployment,
  TYPE.k8sStatefulSet,
  TYPE.k8sDaemonSet,
  TYPE.k8sReplicaSet,
  TYPE.k8sJob,
];

/** Returns the pod template of a workload, or undefined for any other resource type. */
export function podOf(type: string, props: unknown): PodView | undefined {
  const inputs = props as WorkloadInputs;
  let template: { metadata?: ObjectMeta; spec?: PodSpec } | undefined;
  if (type === TYPE.k8sPod) {
    template = { metadata: inputs.metadata, spec: inputs.spec };
  } else if (type === TYPE.k8sCronJob) {
    template = inputs.spec?.jobTemplate?.spec?.template;
  } else if (TEMPLATED.includes(type)) {
    template = inputs.spec?.template;
  }
  if (template === undefined) return undefined;

  return {
    spec: template.spec ?? { containers: [] },
    labels: template.metadata?.labels ?? {},
    annotations: template.metadata?.annotations ?? {},
  };
}

/** Every container of the pod: regular, init and ephemeral, as Pod Security checks them. */
export function containersOf(spec: PodSpec): PodContainer[] {
  const all: PodContainer[] = [];
  const groups: [ContainerKind, K8sContainer[] | undefined][] = [
    ['container', spec.containers],
    ['initContainer', spec.initContainers],
    ['ephemeralContainer', spec.ephemeralContainers],
  ];
  for (const [kind, containers] of groups) {
    for (const container of containers ?? []) {
      all.push({ kind, container, label: `${kind} '${container.name}'` });
    }
  }
  return all;
}

/** The regular containers only (probes and most resource rules apply to these). */
export function mainContainersOf(spec: PodSpec): PodContainer[] {
  return containersOf(spec).filter((entry) => entry.kind === 'container');
}

/** The namespace a namespaced resource lands in (`default` when unset). */
export function namespaceOf(props: unknown): string {
  return (props as { metadata?: ObjectMeta }).metadata?.namespace ?? 'default';
}

/** The resource's `metadata.name`, falling back to the Pulumi name. */
export function objectName(props: unknown, fallback: string): string {
  return (props as { metadata?: ObjectMeta }).metadata?.name ?? fallback;
}
