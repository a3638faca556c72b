import { expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import type { ContainerProps } from '../../../policies/lib/types.js';
import { authContainer } from './docker-baselines.js';
import { resourceViolations, sorted, type Violation } from './pack.js';

/** One change to a compliant container and exactly what the pack must say about it. */
export interface ContainerCase {
  name: string;
  change: (container: ContainerProps) => void;
  expected: Violation[];
  /** The compliant container to start from; the auth service's by default. */
  base?: () => ContainerProps;
}

/** The violations the whole pack reports on one container. */
export function checkContainer(props: ContainerProps, name = 'auth') {
  return resourceViolations({ type: TYPE.dockerContainer, props, name });
}

/** A violation of a `docker-container-*` policy. */
export const containerViolation = (policy: string, message: string): Violation => ({
  policy: `docker-container-${policy}`,
  message,
});

/** One test per case: apply the change, expect exactly the listed violations. */
export function itRefusesEachChange(cases: ContainerCase[]): void {
  it.each(cases)('$name', async ({ change, expected, base = authContainer }) => {
    const container = base();
    change(container);
    expect(sorted(await checkContainer(container))).toEqual(sorted(expected));
  });
}
