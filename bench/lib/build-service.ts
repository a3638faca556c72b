import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundler = join(root, 'scripts/images/bundle-service.ts');

let built: Promise<string> | undefined;

/**
 * Builds the service exactly as the image does (scripts/images/bundle-service.ts: one
 * bundled main.js beside the packages that stay files), once per process, into a folder of
 * its own, and returns the path of its main.js. Benchmarks, fault tests, the fuzz run and
 * the soak so measure the code that ships: they once ran a bundle of their own, whose
 * esbuild settings hid that the image's cost a third more CPU per request. Running the
 * bundle, not the sources under tsx, also keeps tsx's loader thread (tens of MB and a second
 * V8 isolate) out of the service's memory and CPU figures. The folder is per process, since
 * test workers build at once, and removed when the process exits.
 */
export function builtService(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'lucid-service-bundle-'));
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    await promisify(execFile)(process.execPath, [bundler, out], { cwd: root });
    return join(out, 'main.js');
  })();
  return built;
}
