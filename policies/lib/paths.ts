import path from 'node:path';

/** The directory holding the policy pack (PulumiPolicy.yaml). */
export const PACK_DIRECTORY = path.resolve(import.meta.dirname, '..');

/**
 * The directory relative paths in resource inputs are resolved against: the Pulumi project's
 * (providers run there), which the policy process does not know, because the CLI starts the
 * pack in its own directory. Config may name it (absolute, or relative to the pack); the
 * default is the pack's parent, where this repository keeps Pulumi.yaml.
 */
export function programDirectory(configured: string | undefined): string {
  if (configured === undefined || configured === '') return path.dirname(PACK_DIRECTORY);
  return path.resolve(PACK_DIRECTORY, configured);
}

/** The config schema entry every policy that reads program files takes. */
export const programDirectorySchema = {
  type: 'string' as const,
  description:
    'Directory of the Pulumi project (absolute or relative to the pack); empty means the ' +
    "pack's parent directory.",
  default: '',
};
