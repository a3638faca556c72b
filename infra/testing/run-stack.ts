import { runUnderMocks, type MockRunResult, type RunUnderMocksOptions } from './run-under-mocks.js';
import { readStackSettings, REPO_ROOT } from './stack-files.js';

/** Options for running one of the repository's stacks under mocks. */
export interface RunStackOptions extends Pick<RunUnderMocksOptions, 'preview' | 'mockState'> {
  /** Extra or replacing config values (bare keys get the project namespace). */
  readonly config?: Readonly<Record<string, string>>;
  /** Secret config values (bare keys get the project namespace). */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly root?: string;
}

/**
 * Runs the program Pulumi.yaml names with a stack's merged config, under mocks. Values the
 * stack file holds encrypted get a stand-in secret, since no passphrase is available here.
 */
export function runStackUnderMocks(
  stack: string,
  options: RunStackOptions = {},
): Promise<MockRunResult> {
  const settings = readStackSettings(stack, options.root ?? REPO_ROOT);
  const qualify = (key: string): string => (key.includes(':') ? key : `${settings.project}:${key}`);

  const secrets: Record<string, string> = {};
  for (const key of settings.encryptedKeys) secrets[key] = `mock-secret-for-${key}`;
  for (const [key, value] of Object.entries(options.secrets ?? {})) secrets[qualify(key)] = value;

  const config: Record<string, string> = { ...settings.config, ...secrets };
  for (const [key, value] of Object.entries(options.config ?? {})) config[qualify(key)] = value;

  return runUnderMocks(
    { file: settings.main },
    {
      project: settings.project,
      stack,
      config,
      secretKeys: Object.keys(secrets),
      ...(options.preview === undefined ? {} : { preview: options.preview }),
      ...(options.mockState === undefined ? {} : { mockState: options.mockState }),
    },
  );
}
