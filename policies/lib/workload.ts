import type { EnforcementLevel, PolicyConfigSchema, Severity } from '@pulumi/policy';

import { resourcePolicy, type Report, type ResourceContext } from './define.js';
import { podOf, type PodView } from './k8s.js';
import { WORKLOAD_TYPES } from './type-tokens.js';

interface WorkloadSpec<C> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  configSchema?: PolicyConfigSchema;
  /** Workload types checked; every pod-running type by default. */
  types?: readonly string[];
  validate: (pod: PodView, context: ResourceContext<C>, report: Report) => void;
}

/** Defines a check on the pod template of every Kubernetes workload. */
export function workloadPolicy<C = Record<string, never>>(spec: WorkloadSpec<C>) {
  const { validate, types = WORKLOAD_TYPES, ...header } = spec;
  return resourcePolicy<unknown, C>({
    ...header,
    types,
    validate: (props, context, report) => {
      const pod = podOf(context.args.type, props);
      if (pod !== undefined) validate(pod, context, report);
    },
  });
}
