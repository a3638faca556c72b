import { Type } from '@fastify/type-provider-typebox';

import { PERMISSIONS, type Permission } from '../rbac/permissions.js';
import { ROLES, type Role } from '../rbac/roles.js';
import { NullableString } from '../schemas/common.js';

/** A role name. */
export const RoleName = Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] });

const DisplayName = Type.String({
  minLength: 1,
  maxLength: 64,
  // Printable text with at least one visible character; blanks around it are trimmed.
  pattern: '^[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$',
  description: 'Shown to others; 1 to 64 printable characters',
});

const Email = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'Contact address; stored in lower case. Not verified by this service.',
});

/** An account as the API shows it. */
export const UserView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  address: Type.String(),
  role: RoleName,
  permissions: Type.Array(Type.Unsafe<Permission>({ type: 'string', enum: [...PERMISSIONS] })),
  displayName: NullableString(),
  email: NullableString(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastSignInAt: NullableString({ format: 'date-time' }),
});

/** PUT /users/me body: the fields to change; null clears one. */
export const ProfileUpdate = Type.Object(
  {
    displayName: Type.Optional(Type.Union([DisplayName, Type.Null()])),
    email: Type.Optional(Type.Union([Email, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A path naming one account. */
export const UserIdParams = Type.Object({ user_id: Type.String({ format: 'uuid' }) });

/** PUT /users/{user_id}/role body. */
export const RoleChangeRequest = Type.Object({ role: RoleName }, { additionalProperties: false });
