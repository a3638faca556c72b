import type { FastifyInstance } from 'fastify';

import { installAccessControl } from './guard.js';

/** Installs access control from configuration; call right after authentication. */
export function installServiceAccessControl(app: FastifyInstance): void {
  const { config, stepUps } = app.services;
  installAccessControl(app, {
    stepUpRequired: config.stepUpRequiredActions,
    isSteppedUp: async (sessionId) => (await stepUps.get(sessionId)) !== undefined,
  });
}
