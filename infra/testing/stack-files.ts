import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';

/** The repository root (where Pulumi.yaml lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A stack's settings as the CLI would hand them to the program. */
export interface StackSettings {
  readonly project: string;
  /** Absolute path of the program `main` names. */
  readonly main: string;
  /** Fully qualified keys (`lucid-auth:target`) to string values: defaults, then the stack's. */
  readonly config: Record<string, string>;
  /** Keys whose stack value is encrypted and so could not be read here. */
  readonly encryptedKeys: readonly string[];
}

interface ProjectFile {
  name: string;
  main?: string;
  config?: Record<string, { default?: unknown } | string | number | boolean>;
}

/**
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI merges them: project defaults
 * first, then the stack's values. Encrypted values are listed, not decrypted.
 */
export function readStackSettings(stack: string, root: string = REPO_ROOT): StackSettings {
  const project = parse(readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8')) as ProjectFile;
  const config: Record<string, string> = {};
  const encryptedKeys: string[] = [];

  const qualify = (key: string): string => (key.includes(':') ? key : `${project.name}:${key}`);
  for (const [key, declared] of Object.entries(project.config ?? {})) {
    const value = typeof declared === 'object' ? declared.default : declared;
    if (value !== undefined) config[qualify(key)] = stringify(value);
  }

  const stackFile = path.join(root, `Pulumi.${stack}.yaml`);
  if (!existsSync(stackFile)) {
    throw new Error(`No stack file ${stackFile}; stacks are: ${listStacks(root).join(', ')}`);
  }
  const stackConfig = (parse(readFileSync(stackFile, 'utf8')) as { config?: object } | null)
    ?.config;
  for (const [key, value] of Object.entries(stackConfig ?? {})) {
    if (isSecure(value)) {
      encryptedKeys.push(qualify(key));
      continue;
    }
    config[qualify(key)] = stringify(value);
  }

  return {
    project: project.name,
    main: path.resolve(root, project.main ?? '.'),
    config,
    encryptedKeys,
  };
}

/** Stack names that have a Pulumi.<stack>.yaml in the repository. */
export function listStacks(root: string = REPO_ROOT): string[] {
  return readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

function isSecure(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'secure' in value;
}

// The CLI passes objects and arrays to the program as JSON, scalars as their text.
function stringify(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return `${value as string | number | boolean}`;
}
