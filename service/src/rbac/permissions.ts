import { ROLES, type Role } from './roles.js';

/**
 * The one permission table. Each permission names the lowest role that holds it; every role
 * holds the permissions of the roles below it. Routes declare the permission they need in
 * their configuration (`config.permission`), and nothing else decides access.
 */
const LOWEST_ROLE = {
  'profile:read-own': 'USER',
  'profile:update-own': 'USER',
  'sessions:read-own': 'USER',
  'sessions:revoke-own': 'USER',
  'hardware-wallets:manage-own': 'USER',
  // Held for the other Lucid services, which read the role claim of our access tokens.
  'nodes:operate': 'NODE_OPERATOR',
  'users:read-any': 'ADMIN',
  'sessions:read-any': 'ADMIN',
  'sessions:revoke-any': 'ADMIN',
  'audit:read': 'ADMIN',
  'audit:export': 'ADMIN',
  'roles:change': 'SUPER_ADMIN',
} as const satisfies Record<string, Role>;

/** A permission a route can require. */
export type Permission = keyof typeof LOWEST_ROLE;

/** Every permission, in table order. */
export const PERMISSIONS = Object.keys(LOWEST_ROLE) as Permission[];

/**
 * Permissions whose use can demand a stepped-up session (a fresh hardware-wallet signature),
 * for the roles listed in the step-up configuration.
 */
export const PRIVILEGED_PERMISSIONS: readonly Permission[] = ['roles:change', 'audit:export'];

/** True when `role` holds `permission`. */
export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(LOWEST_ROLE[permission]);
}

// Listed once per role: every profile read returns its role's list.
const HELD = new Map(
  ROLES.map((role) => [
    role,
    Object.freeze(PERMISSIONS.filter((permission) => hasPermission(role, permission))),
  ]),
);

/** Every permission `role` holds, in table order. */
export function permissionsOf(role: Role): readonly Permission[] {
  return HELD.get(role)!;
}

/** True when the value names a permission; used to check route configuration at start. */
export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(LOWEST_ROLE, value);
}
