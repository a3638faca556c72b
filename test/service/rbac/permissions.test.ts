import { describe, expect, it } from 'vitest';

import {
  hasPermission,
  PERMISSIONS,
  permissionsOf,
} from '../../../service/src/rbac/permissions.js';
import { ROLES, roleAtLeast } from '../../../service/src/rbac/roles.js';

describe('the permission table', () => {
  it('gives every role the permissions of the roles below it', () => {
    for (const [index, role] of ROLES.entries()) {
      for (const lower of ROLES.slice(0, index)) {
        expect(permissionsOf(role)).toEqual(expect.arrayContaining([...permissionsOf(lower)]));
      }
    }
  });

  it('keeps reading any account and the audit log to ADMIN and above', () => {
    for (const permission of ['users:read-any', 'audit:read', 'sessions:revoke-any'] as const) {
      expect(ROLES.filter((role) => hasPermission(role, permission))).toEqual([
        'ADMIN',
        'SUPER_ADMIN',
      ]);
    }
  });

  it('keeps role changes to SUPER_ADMIN alone', () => {
    expect(ROLES.filter((role) => hasPermission(role, 'roles:change'))).toEqual(['SUPER_ADMIN']);
  });

  it('gives SUPER_ADMIN every permission and USER only its own things', () => {
    expect(permissionsOf('SUPER_ADMIN')).toEqual(PERMISSIONS);
    expect(permissionsOf('USER').every((permission) => permission.endsWith('-own'))).toBe(true);
  });

  it('shares one list per role that no caller can change', () => {
    const held = permissionsOf('ADMIN');

    expect(permissionsOf('ADMIN')).toBe(held);
    expect(() => (held as string[]).push('roles:change')).toThrow(TypeError);
    expect(hasPermission('ADMIN', 'roles:change')).toBe(false);
  });

  it('ranks roles from USER up to SUPER_ADMIN', () => {
    expect(roleAtLeast('ADMIN', 'NODE_OPERATOR')).toBe(true);
    expect(roleAtLeast('NODE_OPERATOR', 'ADMIN')).toBe(false);
  });
});
