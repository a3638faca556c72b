import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import type { ImageProps } from '../../../policies/lib/types.js';
import { digest, GOOD_CONTEXT, serviceImage } from '../support/docker-baselines.js';
import { resourceViolations, sorted, type Violation } from '../support/pack.js';

const GOOD = readFileSync(path.resolve(GOOD_CONTEXT, 'Dockerfile'), 'utf8');
const scratch = mkdtempSync(path.join(tmpdir(), 'lucid-dockerfiles-'));
let written = 0;

/** Writes a variant of the compliant Dockerfile and builds an image resource pointing at it. */
function imageWith(change: (text: string) => string, tweak?: (image: ImageProps) => void) {
  const file = path.join(scratch, `Dockerfile.${++written}`);
  writeFileSync(file, change(GOOD));
  const image = serviceImage();
  image.build = { ...image.build, dockerfile: file };
  tweak?.(image);
  return { image, file };
}

function check(image: object) {
  return resourceViolations({ type: TYPE.dockerImage, props: image, name: 'auth-image' });
}

const v = (policy: string, message: string): Violation => ({
  policy: `docker-image-${policy}`,
  message,
});

const RUNTIME = `gcr.io/distroless/nodejs24-debian13:nonroot@${digest('b')}`;

interface Case {
  name: string;
  change: (text: string) => string;
  tweak?: (image: ImageProps) => void;
  expected: (file: string) => Violation[];
}

const cases: Case[] = [
  {
    name: 'a debug runtime image, which ships a shell, is refused',
    change: (t) => t.replace(':nonroot@', ':debug-nonroot@'),
    expected: (f) => [
      v(
        'dockerfile-distroless-base',
        `${f} builds on gcr.io/distroless/nodejs24-debian13:debug-nonroot@${digest('b')}; ` +
          'use the nonroot tag (never debug, which ships a shell).',
      ),
    ],
  },
  {
    name: 'a debug runtime chosen through a build argument is refused',
    change: (t) => t,
    tweak: (image) => {
      image.build = {
        ...image.build,
        args: { RUNTIME_IMAGE: `gcr.io/distroless/nodejs24-debian13:debug@${digest('b')}` },
      };
    },
    expected: (f) => [
      v(
        'dockerfile-distroless-base',
        `${f} builds on gcr.io/distroless/nodejs24-debian13:debug@${digest('b')}; ` +
          'use the nonroot tag (never debug, which ships a shell).',
      ),
    ],
  },
  {
    name: 'the discontinued Debian 12 runtime is refused',
    change: (t) => t.replace('nodejs24-debian13', 'nodejs22-debian12'),
    expected: (f) => [
      v(
        'dockerfile-distroless-base',
        `${f} builds on gcr.io/distroless/nodejs22-debian12:nonroot@${digest('b')}; the runtime ` +
          'stage must start from gcr.io/distroless/nodejs22-debian13 or ' +
          'gcr.io/distroless/nodejs24-debian13.',
      ),
    ],
  },
  {
    name: 'a runtime stage on a full Node image is refused',
    change: (t) => t.replace('FROM ${RUNTIME_IMAGE}', 'FROM ${BUILD_IMAGE}'),
    expected: (f) => [
      v(
        'dockerfile-distroless-base',
        `${f} builds on docker.io/library/node:24-bookworm-slim@${digest('a')}; the runtime ` +
          'stage must start from gcr.io/distroless/nodejs22-debian13 or ' +
          'gcr.io/distroless/nodejs24-debian13.',
      ),
    ],
  },
  {
    name: 'a base image without a digest is refused',
    change: (t) => t.replace(`@${digest('b')}`, ''),
    expected: (f) => [
      v(
        'dockerfile-base-pinned-by-digest',
        `${f}:13 FROM gcr.io/distroless/nodejs24-debian13:nonroot is not pinned; add ` +
          '@sha256:<digest>.',
      ),
    ],
  },
  {
    name: 'an unpinned build stage is refused as well as the runtime stage',
    change: (t) => t.replace(`@${digest('a')}`, ''),
    expected: (f) => [
      v(
        'dockerfile-base-pinned-by-digest',
        `${f}:6 FROM docker.io/library/node:24-bookworm-slim is not pinned; add @sha256:<digest>.`,
      ),
    ],
  },
  {
    name: 'a runtime stage without USER is refused',
    change: (t) => t.replace('USER 65532:65532\n', ''),
    expected: (f) => [
      v(
        'dockerfile-numeric-non-root-user',
        `${f} sets no USER in the built stage; add USER 65532.`,
      ),
    ],
  },
  {
    name: 'a USER given by name is refused, since the kubelet cannot verify it',
    change: (t) => t.replace('USER 65532:65532', 'USER nonroot'),
    expected: (f) => [
      v(
        'dockerfile-numeric-non-root-user',
        `${f}:17 USER nonroot is not numeric; use USER <uid>:<gid>.`,
      ),
    ],
  },
  {
    name: 'USER root by number is refused',
    change: (t) => t.replace('USER 65532:65532', 'USER 0'),
    expected: (f) => [
      v(
        'dockerfile-numeric-non-root-user',
        `${f}:17 USER 0 is below uid 10000 or in group 0; use a uid >= 10000 and a non-zero gid.`,
      ),
    ],
  },
  {
    name: 'a USER in group 0 is refused',
    change: (t) => t.replace('USER 65532:65532', 'USER 65532:0'),
    expected: (f) => [
      v(
        'dockerfile-numeric-non-root-user',
        `${f}:17 USER 65532:0 is below uid 10000 or in group 0; use a uid >= 10000 and a ` +
          'non-zero gid.',
      ),
    ],
  },
  {
    name: 'an image that does not expose 8089 is refused',
    change: (t) => t.replace('EXPOSE 8089\n', ''),
    expected: (f) => [v('dockerfile-exposes-auth-port', `${f} does not EXPOSE 8089; add it.`)],
  },
  {
    name: 'an image that also exposes SSH is refused',
    change: (t) => t.replace('EXPOSE 8089', 'EXPOSE 8089 22/tcp'),
    expected: (f) => [v('dockerfile-exposes-auth-port', `${f} EXPOSEs 22; expose only 8089.`)],
  },
  {
    name: 'an image without a HEALTHCHECK is refused',
    change: (t) => t.replace(/HEALTHCHECK[^\]]*\]\n/, ''),
    expected: (f) => [
      v(
        'dockerfile-single-exec-healthcheck',
        `${f} has 0 HEALTHCHECK instructions in the built stage; keep one.`,
      ),
    ],
  },
  {
    name: 'two HEALTHCHECKs are refused',
    change: (t) => t.replace('CMD ["/app/server.js"]', 'HEALTHCHECK NONE\nCMD ["/app/server.js"]'),
    expected: (f) => [
      v(
        'dockerfile-single-exec-healthcheck',
        `${f} has 2 HEALTHCHECK instructions in the built stage; keep one.`,
      ),
      v(
        'dockerfile-single-exec-healthcheck',
        `${f}:21 HEALTHCHECK NONE is not exec form; use CMD ["…"].`,
      ),
    ],
  },
  {
    name: 'a shell-form HEALTHCHECK is refused',
    change: (t) =>
      t.replace(/CMD \["\/nodejs[^\]]*\]/, 'CMD curl -f http://127.0.0.1:8089/health || exit 1'),
    expected: (f) => [
      v(
        'dockerfile-single-exec-healthcheck',
        `${f}:19 HEALTHCHECK CMD curl -f http://127.0.0.1:8089/health || exit 1 is not exec ` +
          'form; use CMD ["…"].',
      ),
    ],
  },
  {
    name: 'an exec-form HEALTHCHECK that runs wget is refused',
    change: (t) => t.replace('"/nodejs/bin/node", "/app/healthcheck.js"', '"wget", "-qO-", "x"'),
    expected: (f) => [
      v(
        'dockerfile-single-exec-healthcheck',
        `${f}:19 HEALTHCHECK runs wget; run the image's node instead.`,
      ),
    ],
  },
  {
    name: 'ADD is refused in any stage',
    change: (t) => t.replace('COPY . .', 'ADD . .'),
    expected: (f) => [v('dockerfile-no-add', `${f}:11 uses ADD . .; use COPY.`)],
  },
  {
    name: 'a secret build argument is refused even without a default',
    change: (t) => t.replace('WORKDIR /build', 'ARG NPM_TOKEN\nWORKDIR /build'),
    expected: (f) => [
      v(
        'dockerfile-no-secrets-in-arg-env',
        `${f}:7 ARG NPM_TOKEN would carry a secret into the image; pass it at run time as a file.`,
      ),
    ],
  },
  {
    name: 'a literal secret in ENV is refused',
    change: (t) =>
      t.replace('ENV NODE_ENV=production', 'ENV NODE_ENV=production API_KEY=abc123def456'),
    expected: (f) => [
      v(
        'dockerfile-no-secrets-in-arg-env',
        `${f}:14 ENV API_KEY would carry a secret into the image; pass it at run time as a file.`,
      ),
    ],
  },
  {
    name: 'switching TLS verification off in ENV is refused',
    change: (t) => t.replace('ENV NODE_ENV=production', 'ENV NODE_TLS_REJECT_UNAUTHORIZED 0'),
    expected: (f) => [
      v(
        'dockerfile-no-secrets-in-arg-env',
        `${f}:14 ENV NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off; remove it.`,
      ),
    ],
  },
  {
    name: 'a shell-form CMD is refused',
    change: (t) => t.replace('CMD ["/app/server.js"]', 'CMD node /app/server.js'),
    expected: (f) => [
      v(
        'dockerfile-exec-form-entrypoint',
        `${f}:21 CMD node /app/server.js is shell form; use the JSON array form.`,
      ),
    ],
  },
  {
    name: 'a runtime stage built on a compliant earlier stage inherits its user and checks',
    change: (t) =>
      t.replace('FROM ${RUNTIME_IMAGE}', 'FROM ${RUNTIME_IMAGE} AS runtime') +
      '\nFROM runtime AS final\nLABEL org.opencontainers.image.title=lucid-auth-service\n',
    expected: () => [],
  },
  {
    name: 'building the build stage as the target is checked as the image',
    change: (t) => t,
    tweak: (image) => (image.build = { ...image.build, target: 'build' }),
    expected: (f) => [
      v(
        'dockerfile-distroless-base',
        `${f} builds on docker.io/library/node:24-bookworm-slim@${digest('a')}; the runtime ` +
          'stage must start from gcr.io/distroless/nodejs22-debian13 or ' +
          'gcr.io/distroless/nodejs24-debian13.',
      ),
      v(
        'dockerfile-numeric-non-root-user',
        `${f} sets no USER in the built stage; add USER 65532.`,
      ),
      v('dockerfile-exposes-auth-port', `${f} does not EXPOSE 8089; add it.`),
      v(
        'dockerfile-single-exec-healthcheck',
        `${f} has 0 HEALTHCHECK instructions in the built stage; keep one.`,
      ),
    ],
  },
  {
    name: 'a build for amd64 is refused for the arm64 Pi',
    change: (t) => t,
    tweak: (image) => (image.build = { ...image.build, platform: 'linux/amd64' }),
    expected: () => [v('platform', 'build.platform is linux/amd64; build for linux/arm64.')],
  },
  {
    name: 'a build without a platform is refused, since the build host would decide',
    change: (t) => t,
    tweak: (image) => delete image.build?.platform,
    expected: () => [
      v('platform', 'build.platform is unset, so the build host decides; set linux/arm64.'),
    ],
  },
];

describe('docker.Image policies', () => {
  it('pass the compliant service build without a finding', async () => {
    expect(await check(serviceImage())).toEqual([]);
  });

  it('refuse a build whose Dockerfile does not exist, and check nothing else', async () => {
    const image = serviceImage();
    image.build = { ...image.build, context: 'no/such/dir' };

    expect(await check(image)).toEqual([
      v(
        'dockerfile-readable',
        `cannot read a Dockerfile with a FROM at ${path.resolve('no/such/dir/Dockerfile')}; ` +
          "point the build at the project's Dockerfile.",
      ),
    ]);
  });

  it('resolve the runtime base from the ARG default the FROM names', async () => {
    const { image } = imageWith((t) => t.replace(RUNTIME, RUNTIME));
    expect(await check(image)).toEqual([]);
  });

  it.each(cases)('$name', async ({ change, tweak, expected }) => {
    const { image, file } = imageWith(change, tweak);
    expect(sorted(await check(image))).toEqual(sorted(expected(file)));
  });

  it('accept amd64 when a stack config widens the platforms', async () => {
    const image = serviceImage();
    image.build = { ...image.build, platform: 'linux/amd64' };
    const config = { 'docker-image-platform': { allowedPlatforms: ['linux/amd64'] } };

    expect(await resourceViolations({ type: TYPE.dockerImage, props: image }, config)).toEqual([]);
  });
});

describe('docker.RemoteImage policies', () => {
  const remote = (props: object) =>
    resourceViolations({ type: TYPE.dockerRemoteImage, props, name: 'mongo-image' });

  it('pass a pinned pull for arm64', async () => {
    expect(await remote({ name: `mongo:7.0@${digest('d')}`, platform: 'linux/arm64' })).toEqual([]);
  });

  it('refuse a pull by tag alone', async () => {
    expect(await remote({ name: 'mongo:7.0', platform: 'linux/arm64' })).toEqual([
      {
        policy: 'docker-remote-image-pinned-by-digest',
        message: "name 'mongo:7.0' is not pinned; pull it as name:tag@sha256:<digest>.",
      },
    ]);
  });

  it('refuse a pull without a platform', async () => {
    expect(await remote({ name: `mongo:7.0@${digest('d')}` })).toEqual([
      {
        policy: 'docker-remote-image-platform',
        message: "platform is unset, so the engine's own is pulled; set linux/arm64.",
      },
    ]);
  });

  it('check the Dockerfile of a remote image that builds, inside its context', async () => {
    const props = {
      name: 'lucid/auth-service:1.0.0',
      platform: 'linux/arm64',
      build: { context: GOOD_CONTEXT },
    };
    expect(await remote(props)).toEqual([]);

    const missing = { ...props, build: { context: GOOD_CONTEXT, dockerfile: 'Nope' } };
    expect(await remote(missing)).toEqual([
      {
        policy: 'docker-image-dockerfile-readable',
        message:
          `cannot read a Dockerfile with a FROM at ${path.resolve(GOOD_CONTEXT, 'Nope')}; ` +
          "point the build at the project's Dockerfile.",
      },
    ]);
  });
});
