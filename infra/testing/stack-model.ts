import type { AppModel } from '../model/app-model.js';
import { buildAppModel } from '../model/build-app-model.js';
import { CONFIG_NAMESPACE, mapConfigSource, readStackConfig } from '../config/stack-config.js';
import { readStackSettings, REPO_ROOT } from './stack-files.js';

/**
 * The application model a committed stack builds (Pulumi.yaml defaults, then
 * Pulumi.<stack>.yaml), with overrides by bare key, e.g. `{ redisImage: 'sha256:…' }`.
 * Tests and the e2e suite use it to get exactly what the stack would deploy.
 */
export function stackModel(
  stack: string,
  overrides: Readonly<Record<string, string>> = {},
  root: string = REPO_ROOT,
): AppModel {
  const settings = readStackSettings(stack, root);
  const prefix = `${CONFIG_NAMESPACE}:`;
  const bare = Object.fromEntries(
    Object.entries(settings.config)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );

  const config = readStackConfig(mapConfigSource({ ...bare, ...overrides }));
  return buildAppModel(config, { project: settings.project, stack });
}
