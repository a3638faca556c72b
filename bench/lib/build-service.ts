import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outfile = fileURLToPath(new URL('../dist/service.mjs', import.meta.url));

let built: Promise<string> | undefined;

/**
 * Bundles service/src/main.ts into bench/dist/service.mjs (git-ignored), once per process,
 * and returns its path. Packages stay external and load from node_modules. Measuring the
 * built file rather than running under tsx keeps tsx's loader thread (tens of MB and a
 * second V8 isolate) out of the service's memory and CPU figures.
 */
export function builtService(): Promise<string> {
  built ??= build({
    entryPoints: [`${root}service/src/main.ts`],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    logLevel: 'warning',
  }).then(() => outfile);
  return built;
}
