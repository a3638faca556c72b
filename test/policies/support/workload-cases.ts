import { expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import { authDeployment, k8s, type Workload } from './k8s-baselines.js';
import { resourceViolations, sorted, type Violation } from './pack.js';

/** One change to a compliant workload and exactly what the pack must say about it. */
export interface WorkloadCase {
  name: string;
  change: (workload: Workload) => void;
  expected: Violation[];
  /** The compliant StatefulSet to start from; the auth Deployment by default. */
  base?: () => Workload;
}

/** A violation of a `kubernetes-workload-*` policy. */
export const workloadViolation = (policy: string, message: string): Violation => ({
  policy: `kubernetes-workload-${policy}`,
  message,
});

/** The auth container's label in messages. */
export const AUTH = "container 'auth'";

/** One test per case: apply the change, expect exactly the listed violations. */
export function itRefusesEachChange(cases: WorkloadCase[]): void {
  it.each(cases)('$name', async ({ change, expected, base }) => {
    const workload = (base ?? authDeployment)();
    change(workload);
    const type = base === undefined ? TYPE.k8sDeployment : TYPE.k8sStatefulSet;
    expect(sorted(await resourceViolations(k8s(type, workload)))).toEqual(sorted(expected));
  });
}
