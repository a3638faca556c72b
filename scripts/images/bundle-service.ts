/**
 * Build step of service/Dockerfile: bundles the service into /app's files and copies only the
 * packages that must stay files on disk. Run from the build context's root after `npm ci`:
 *   node scripts/images/bundle-service.ts <out-dir>
 *
 * esbuild bundles our code and every dependency it can into main.js (one file to read at start,
 * no unused package files in the image). Packages that load files at run time stay external
 * and are copied with what they depend on: secp256k1 (a native addon built for the target
 * architecture), tiny-secp256k1 (a WebAssembly file) and @fastify/swagger-ui (its static
 * assets).
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** Packages copied into node_modules rather than bundled. */
const RUNTIME_PACKAGES = ['secp256k1', 'tiny-secp256k1', '@fastify/swagger-ui'];

// Optional peers of the MongoDB driver that we do not install; the driver requires them
// inside try/catch and works without them.
const ABSENT_OPTIONAL = [
  'kerberos',
  'snappy',
  'socks',
  'aws4',
  'gcp-metadata',
  'mongodb-client-encryption',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
];

// Needed only to compile the addon, never at run time.
const BUILD_ONLY = new Set(['node-addon-api', 'node-gyp']);

// Files no running process reads: documentation, type declarations and source maps, and a
// package's top-level test, docs and example folders (deeper ones may be code: yaml's dist/doc).
const PRUNE = /(\.(md|markdown|map|ts|mts|cts)$)|^(tests?|docs?|examples?|e2e|\.github)(\/|$)/i;

const service = resolve('service');
const out = resolve(process.argv[2] ?? 'out');
const arch = process.arch;

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The folder Node would load `name` from when required from `fromDir`. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) return undefined;
  }
}

/** Every package folder the runtime packages need, found the way Node resolves them. */
function runtimeClosure(): Set<string> {
  const found = new Set<string>();
  const queue = RUNTIME_PACKAGES.map((name) => ({ name, from: service, optional: false }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (BUILD_ONLY.has(next.name)) continue;
    const dir = packageDir(next.name, next.from);
    if (!dir) {
      if (next.optional) continue;
      throw new Error(`${next.name} is needed at run time but is not installed`);
    }
    if (found.has(dir)) continue;
    found.add(dir);
    const manifest = readManifest(dir);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      queue.push({ name, from: dir, optional: false });
    }
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      queue.push({ name, from: dir, optional: true });
    }
  }
  return found;
}

/** Copies each package folder to out/node_modules, flattened to one level per name. */
function copyPackages(dirs: Set<string>): void {
  const placed = new Map<string, string>();
  for (const dir of [...dirs].sort()) {
    const name = readManifest(dir).name;
    const earlier = placed.get(name);
    if (earlier) {
      throw new Error(`two copies of ${name} are needed at run time: ${earlier} and ${dir}`);
    }
    placed.set(name, dir);
    cpSync(dir, join(out, 'node_modules', name), {
      recursive: true,
      filter: (source) => keep(relative(dir, source), name),
    });
  }
}

function keep(path: string, name: string): boolean {
  if (path === '') return true;
  if (path === 'node_modules' || path.startsWith('node_modules/')) return false;
  if (PRUNE.test(path)) return false;
  return name === 'secp256k1' ? keepSecp256k1(path) : true;
}

// secp256k1 ships its C sources and prebuilt addons for several platforms; at run time only
// this platform's prebuild, or the addon compiled here (build/Release), is loaded.
function keepSecp256k1(path: string): boolean {
  const [top, next, file] = path.split('/');
  if (top === 'src' || top === 'binding.gyp') return false;
  if (top === 'prebuilds') return next === undefined || next === `linux-${arch}`;
  if (top === 'build') {
    return (
      next === undefined || (next === 'Release' && (file === undefined || file.endsWith('.node')))
    );
  }
  return true;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: {
    main: join(service, 'src/main.ts'),
    healthcheck: join(service, 'src/healthcheck.ts'),
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  external: [...RUNTIME_PACKAGES, ...ABSENT_OPTIONAL],
  // CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: {
    js:
      "import { createRequire as __lucidRequire } from 'node:module'; " +
      'const require = __lucidRequire(import.meta.url);',
  },
  minifySyntax: true,
  minifyWhitespace: true,
  // No keepNames: it wraps every function it names in a call that redefines the function's
  // `name`, and Fastify's hook runners create such functions on every request; the service
  // used about 30% more CPU per meta/info request with it (56 to 61 µs against 40 to 45 µs).
  // Identifiers are not minified, so names survive: the one the service reads (ioredis's
  // MaxRetriesPerRequestError, a `constructor.name`) is inferred from its assignment.
  keepNames: false,
  legalComments: 'eof',
  logLevel: 'warning',
});

copyPackages(runtimeClosure());

const { name, version } = readManifest(service);
const manifest = { name, version, private: true, type: 'module', main: 'main.js' };
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

// The build fails here, not at the first sign-in, when the addon was not built for this
// architecture (secp256k1's install script ignores a failed compile).
createRequire(join(out, 'main.js'))('secp256k1/bindings.js');
console.log(`bundled ${name}@${version} for linux-${arch} into ${out}`);
