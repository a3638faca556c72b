import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { docker, script } from './engine.js';

/** The repository root, where the image scripts run. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const BASE_IMAGES_FILE = `${REPO_ROOT}.tools/images/base-images.env`;

/** Architectures the image is built for. */
export type Arch = 'amd64' | 'arm64';

/** Registry digests of the assembled base images (scripts/images/base.sh). */
export interface BaseImages {
  BUILD_IMAGE: string;
  RUNTIME_IMAGE: string;
  REDIS_IMAGE: string;
  MONGO_IMAGE: string;
}

/** Reads the base images' digests; fails with the command that makes them. */
export function baseImages(): BaseImages {
  if (!existsSync(BASE_IMAGES_FILE)) {
    throw new Error(
      `${BASE_IMAGES_FILE} is missing: run \`npm run images:base\` (the offline base images)`,
    );
  }
  const values = Object.fromEntries(
    readFileSync(BASE_IMAGES_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Partial<BaseImages>;
  const { BUILD_IMAGE, RUNTIME_IMAGE, REDIS_IMAGE, MONGO_IMAGE } = values;
  if (!BUILD_IMAGE || !RUNTIME_IMAGE || !REDIS_IMAGE || !MONGO_IMAGE) {
    throw new Error(`${BASE_IMAGES_FILE} is incomplete: run \`npm run images:base\` again`);
  }
  return { BUILD_IMAGE, RUNTIME_IMAGE, REDIS_IMAGE, MONGO_IMAGE };
}

const BUILD_TIMEOUT_MS = 30 * 60_000;

/**
 * Builds the service image for one architecture from service/Dockerfile, through the
 * offline build script (base images by local digest), and returns its local tag. The
 * script serializes builds, so test files asking at once share the layer cache.
 */
export async function buildServiceImage(arch: Arch): Promise<string> {
  baseImages();
  const output = await script(`${REPO_ROOT}scripts/images/service.sh`, [arch], BUILD_TIMEOUT_MS);
  const tag = output.split('\n').at(-1);
  if (!tag?.startsWith('lucid/auth-service:')) throw new Error(`no image tag in: ${output}`);
  return tag;
}

/** Pushes images to the local registry under one manifest list; returns repo@sha256:…. */
export async function publish(repo: string, tag: string, images: readonly string[]) {
  const ref = await script(
    `${REPO_ROOT}scripts/registry.sh`,
    ['publish', repo, tag, ...images],
    10 * 60_000,
  );
  return ref.split('\n').at(-1) ?? '';
}

/** The image's id (sha256:…), which the dev stack runs when it builds without pushing. */
export async function imageId(reference: string): Promise<string> {
  return docker(['image', 'inspect', '-f', '{{.Id}}', reference]);
}
