import type { EnforcementLevel, PolicyConfigSchema, Severity } from '@pulumi/policy';

import { resourcePolicy, type Report, type ResourceContext } from '../define.js';
import { programDirectory, programDirectorySchema } from '../paths.js';
import { TYPE } from '../type-tokens.js';
import { parseDockerfile, type Instruction } from './parse.js';
import { buildSourceOf, readDockerfile, type BuildSource } from './source.js';
import { finalImageOf, stagesOf, type FinalImage, type Stage } from './stages.js';

/** A Dockerfile as the checks see it. */
export interface DockerfileView {
  source: BuildSource;
  /** Path relative to the project, for messages. */
  file: string;
  instructions: Instruction[];
  stages: Stage[];
  final: FinalImage;
}

interface DockerfileSpec<C> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  configSchema?: PolicyConfigSchema;
  validate: (dockerfile: DockerfileView, context: ResourceContext<C>, report: Report) => void;
}

/** Loads and parses the Dockerfile a build resource points to; undefined if unreadable. */
export function loadDockerfile(
  type: string,
  props: unknown,
  configuredDirectory: string | undefined,
): DockerfileView | undefined {
  const directory = programDirectory(configuredDirectory);
  const source = buildSourceOf(type, props, directory);
  if (source === undefined) return undefined;
  const text = readDockerfile(source.dockerfile);
  if (text === undefined) return undefined;

  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions, source.buildArgs);
  const final = finalImageOf(stages, source.target);
  if (final === undefined) return undefined;
  const file = source.dockerfile.startsWith(directory)
    ? source.dockerfile.slice(directory.length + 1)
    : source.dockerfile;
  return { source, file, instructions, stages, final };
}

/**
 * Defines a check on the Dockerfile of a `docker.Image` or a building `docker.RemoteImage`.
 * A Dockerfile that cannot be read is the readable policy's finding, not every check's.
 */
export function dockerfilePolicy<C extends { programDirectory?: string }>(spec: DockerfileSpec<C>) {
  const { validate, configSchema, ...header } = spec;
  return resourcePolicy<unknown, C>({
    ...header,
    types: [TYPE.dockerImage, TYPE.dockerRemoteImage],
    configSchema: {
      ...configSchema,
      properties: { programDirectory: programDirectorySchema, ...configSchema?.properties },
    },
    validate: (props, context, report) => {
      const dockerfile = loadDockerfile(context.args.type, props, context.config.programDirectory);
      if (dockerfile !== undefined) validate(dockerfile, context, report);
    },
  });
}
