import { ConfigError } from '../config/config-error.js';
import { isPermission, PRIVILEGED_PERMISSIONS, type Permission } from './permissions.js';

/**
 * Checks STEP_UP_REQUIRED_ACTIONS: only privileged permissions qualify. Config loading calls
 * it, so a bad value stops the process naming the variable before any server is reached.
 */
export function parseStepUpActions(actions: readonly string[]): Permission[] {
  const bad = actions.find(
    (action) => !isPermission(action) || !PRIVILEGED_PERMISSIONS.includes(action),
  );
  if (bad !== undefined) {
    const allowed = PRIVILEGED_PERMISSIONS.join(', ');
    throw new ConfigError('STEP_UP_REQUIRED_ACTIONS', `"${bad}" is not one of ${allowed}`);
  }
  return actions.filter(isPermission);
}
