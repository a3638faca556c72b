import type { FastifyInstance, FastifyRequest } from 'fastify';

import { authOf } from '../auth/authenticate-hook.js';
import { AppError } from '../errors/app-error.js';
import { routeOf } from '../plugins/route-info.js';
import { hasPermission, isPermission, type Permission } from './permissions.js';
import { parseStepUpActions } from './step-up-actions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The permission a protected route requires, looked up in the one permission table.
     * Checked after authentication; a public route must not declare one.
     */
    permission?: Permission;
  }
}

/** What access control needs beyond the permission table. */
export interface AccessControlOptions {
  /** STEP_UP_REQUIRED_ACTIONS: privileged permissions that need a stepped-up session. */
  stepUpRequired: readonly string[];
  /** True while the session has a fresh hardware-wallet verification. */
  isSteppedUp: (sessionId: string) => Promise<boolean>;
}

/** Refuses a request whose caller lacks the permission (403 FORBIDDEN). */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  const auth = authOf(request);
  if (!hasPermission(auth.role, permission)) {
    request.log.info({ role: auth.role, permission }, 'permission refused');
    throw new AppError('FORBIDDEN');
  }
}

/**
 * Enforces each route's `config.permission` (and, for the configured privileged
 * permissions, a stepped-up session). Install it after authentication and before the
 * routes: its hook must run after the one that sets `request.auth`, and route configuration
 * is checked as routes are added, so a misspelt permission stops the service at start.
 */
export function installAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  const stepUpRequired = parseStepUpActions(options.stepUpRequired);

  app.addHook('onRoute', (route) => {
    const permission: unknown = route.config?.permission;
    if (permission === undefined) return;
    if (!isPermission(permission)) {
      const named = JSON.stringify(permission);
      throw new Error(`Route ${route.url} names unknown permission ${named}`);
    }
    if (route.config?.public === true) {
      throw new Error(`Route ${route.url} is public but requires ${permission}`);
    }
  });

  // onRequest, after authentication: a refused caller learns nothing from body validation.
  // A callback, not a promise: only the step-up check waits on storage.
  app.addHook('onRequest', (request, _reply, done) => {
    const permission = routeOf(request).config.permission;
    if (permission === undefined) return done();

    requirePermission(request, permission);
    if (!stepUpRequired.includes(permission)) return done();
    options.isSteppedUp(authOf(request).sessionId).then(
      (steppedUp) => done(steppedUp ? undefined : new AppError('STEP_UP_REQUIRED')),
      (error: unknown) => done(error as Error),
    );
  });
}
