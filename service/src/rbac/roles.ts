/** Every role an account can hold, from least to most privileged. */
export const ROLES = ['USER', 'NODE_OPERATOR', 'ADMIN', 'SUPER_ADMIN'] as const;

/** One of the four roles. */
export type Role = (typeof ROLES)[number];

/** The role a new account receives. */
export const DEFAULT_ROLE: Role = 'USER';

/** True when the value names a role; used to check stored and configured values. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `floor` or ranks above it. */
export function roleAtLeast(role: Role, floor: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(floor);
}
