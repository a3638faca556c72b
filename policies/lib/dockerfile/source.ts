import { readFileSync } from 'node:fs';
import path from 'node:path';

import { TYPE } from '../type-tokens.js';
import type { ImageProps, RemoteImageProps } from '../types.js';
import type { BuildArgs } from './stages.js';

/** What an image build resource says about the Dockerfile it builds. */
export interface BuildSource {
  dockerfile: string;
  buildArgs: BuildArgs;
  target?: string;
  platform?: string;
}

/**
 * Finds the Dockerfile a build resource points to, as its provider does: `docker.Image`
 * resolves `build.dockerfile` against the project directory and defaults to
 * `<context>/Dockerfile`; `docker.RemoteImage` names the Dockerfile inside its context.
 */
export function buildSourceOf(
  type: string,
  props: unknown,
  projectDirectory: string,
): BuildSource | undefined {
  if (type === TYPE.dockerImage) {
    const build = (props as ImageProps).build ?? {};
    const context = build.context ?? '.';
    const dockerfile = build.dockerfile ?? path.join(context, 'Dockerfile');
    return {
      dockerfile: path.resolve(projectDirectory, dockerfile),
      buildArgs: build.args ?? {},
      target: build.target,
      platform: build.platform,
    };
  }
  if (type === TYPE.dockerRemoteImage) {
    const inputs = props as RemoteImageProps;
    const build = inputs.build;
    if (build === undefined) return undefined;
    return {
      dockerfile: path.resolve(projectDirectory, build.context, build.dockerfile ?? 'Dockerfile'),
      buildArgs: build.buildArgs ?? {},
      target: build.target,
      platform: build.platform ?? inputs.platform,
    };
  }
  return undefined;
}

/** Reads the Dockerfile, or returns undefined when it cannot be read. */
export function readDockerfile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
