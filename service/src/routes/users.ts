import { auditRequest } from '../audit/audit-request.js';
import { authOf } from '../auth/authenticate-hook.js';
import { AppError } from '../errors/app-error.js';
import { permissionsOf } from '../rbac/permissions.js';
import { errorResponses } from '../schemas/common.js';
import type { UserRecord } from '../users/profile.js';
import { isDemotion } from '../users/role-changes.js';
import { ProfileUpdate, RoleChangeRequest, UserIdParams, UserView } from '../users/schemas.js';
import type { TypedApp } from './typed-app.js';

// The profile cache hands out the same record until the account changes (a change stores a
// new record), so each record is rendered once: three dates and a permission list were
// about a twentieth of a users/me request's CPU.
const views = new WeakMap<UserRecord, ReturnType<typeof render>>();

function view(user: UserRecord): ReturnType<typeof render> {
  let rendered = views.get(user);
  if (rendered === undefined) {
    rendered = render(user);
    views.set(user, rendered);
  }
  return rendered;
}

function render(user: UserRecord) {
  return {
    id: user._id,
    address: user.address,
    role: user.role,
    permissions: [...permissionsOf(user.role)],
    displayName: user.displayName ?? null,
    email: user.email ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}

/** Account routes: one's own profile, any account for ADMIN+, role changes for SUPER_ADMIN. */
export function userRoutes(app: TypedApp): void {
  const { profiles, roleChanges, sessions, sessionStore, audit, clock } = app.services;
  const record = auditRequest(audit, clock);
  const tags = ['users'];

  const findOrThrow = async (id: string) => {
    const user = await profiles.find(id);
    if (!user) throw new AppError('NOT_FOUND');
    return user;
  };

  app.get(
    '/api/v1/users/me',
    {
      config: { permission: 'profile:read-own' },
      schema: {
        tags,
        summary: "The caller's account, role and permissions",
        response: { 200: UserView, ...errorResponses(401, 403, 404, 429, 503) },
      },
    },
    async (request) => view(await findOrThrow(authOf(request).userId)),
  );

  app.put(
    '/api/v1/users/me',
    {
      config: { permission: 'profile:update-own' },
      schema: {
        tags,
        summary: "Change the caller's display name or contact e-mail",
        description: 'Fields left out stay as they are; null clears a field.',
        body: ProfileUpdate,
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const user = await profiles.update(authOf(request).userId, request.body, new Date(clock()));
      if (!user) throw new AppError('NOT_FOUND');
      return view(user);
    },
  );

  app.get(
    '/api/v1/users/:user_id',
    {
      config: { permission: 'users:read-any' },
      schema: {
        tags,
        summary: 'Any account, by id (ADMIN and above)',
        params: UserIdParams,
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => view(await findOrThrow(request.params.user_id)),
  );

  app.put(
    '/api/v1/users/:user_id/role',
    {
      config: { permission: 'roles:change' },
      schema: {
        tags,
        summary: 'Grant or remove a role (SUPER_ADMIN only)',
        description:
          'The last SUPER_ADMIN cannot lose the role (409 LAST_SUPER_ADMIN). Taking privileges ' +
          "away also revokes the account's sessions, so the change holds at once; a grant " +
          'shows in the next access token (refresh or sign in). Needs a stepped-up session ' +
          'when roles:change is in STEP_UP_REQUIRED_ACTIONS.',
        params: UserIdParams,
        body: RoleChangeRequest,
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      const actor = authOf(request).userId;
      const target = request.params.user_id;
      const result = await roleChanges.change(target, request.body.role, new Date(clock()));
      const refuse = async (reason: string, error: AppError) => {
        await record(request, {
          type: 'role.change',
          outcome: 'failure',
          actor,
          subject: target,
          reason,
        });
        return error;
      };

      if (result.status === 'not-found') throw new AppError('NOT_FOUND');
      if (result.status === 'busy') throw new AppError('ROLE_CHANGE_IN_PROGRESS');
      if (result.status === 'last-super-admin') {
        throw await refuse('last-super-admin', new AppError('LAST_SUPER_ADMIN'));
      }
      if (result.status === 'unchanged') return view(await findOrThrow(target));

      if (isDemotion(result.from, result.to)) {
        const live = await sessionStore.collection
          .find({ userId: target, revokedAt: null }, { projection: { _id: 1 } })
          .toArray();
        await Promise.all(live.map(({ _id }) => sessions.revoke(_id, 'role-change')));
      }
      await record(request, {
        type: 'role.change',
        outcome: 'success',
        actor,
        subject: target,
        details: { from: result.from, to: result.to },
      });
      return view(await findOrThrow(target));
    },
  );
}
