import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { installAccessControl } from '../../../service/src/rbac/guard.js';
import { parseStepUpActions } from '../../../service/src/rbac/step-up-actions.js';

describe('the access-control guard', () => {
  const options = { stepUpRequired: [], isSteppedUp: () => Promise.resolve(false) };

  it('refuses a route that names an unknown permission as it is added', async () => {
    const app = Fastify();
    installAccessControl(app, options);
    const add = () => app.get('/x', { config: { permission: 'everything' as never } }, () => 'x');

    expect(add).toThrow('Route /x names unknown permission "everything"');
    await app.close();
  });

  it('refuses a public route that also requires a permission as it is added', async () => {
    const app = Fastify();
    installAccessControl(app, options);
    const add = () =>
      app.get('/y', { config: { public: true, permission: 'audit:read' } }, () => 'y');

    expect(add).toThrow('Route /y is public but requires audit:read');
    await app.close();
  });

  it('accepts only privileged permissions as step-up actions, naming the variable', () => {
    expect(parseStepUpActions(['roles:change', 'audit:export'])).toEqual([
      'roles:change',
      'audit:export',
    ]);
    expect(() => parseStepUpActions(['audit:read'])).toThrow(
      'Invalid configuration: STEP_UP_REQUIRED_ACTIONS: "audit:read" is not one of ' +
        'roles:change, audit:export',
    );
  });
});
