import { describe } from 'vitest';

import { mongoContainer } from '../support/docker-baselines.js';
import {
  containerViolation as v,
  itRefusesEachChange,
  type ContainerCase,
} from '../support/container-cases.js';

const cases: ContainerCase[] = [
  {
    name: 'a writable root filesystem is refused',
    change: (c) => (c.readOnly = false),
    expected: [
      v(
        'read-only-root-filesystem',
        'readOnly is not true; run the container with a read-only root filesystem.',
      ),
    ],
  },
  {
    name: 'a read-only root without a tmpfs at /tmp is refused',
    change: (c) => (c.tmpfs = {}),
    expected: [v('read-only-root-filesystem', 'no tmpfs is mounted at /tmp; mount one there.')],
  },
  {
    name: 'a tmpfs without a size is refused',
    change: (c) => (c.tmpfs = { '/tmp': 'rw,noexec,nosuid' }),
    expected: [
      v(
        'tmpfs-size-limited',
        'tmpfs at /tmp has no size limit; set size= (or tmpfsOptions.sizeBytes).',
      ),
    ],
  },
  {
    name: 'a tmpfs mount with a size in bytes is accepted',
    change: (c) => {
      c.tmpfs = {};
      c.mounts = [{ type: 'tmpfs', target: '/tmp', tmpfsOptions: { sizeBytes: 64 * 1024 ** 2 } }];
    },
    expected: [],
  },
  {
    name: 'a container without a memory limit is refused',
    change: (c) => {
      delete c.memory;
      delete c.memorySwap;
    },
    expected: [v('memory-limit-no-swap', 'memory is unset; set a memory limit in MB.')],
  },
  {
    name: 'a memory limit that leaves swap on is refused',
    change: (c) => delete c.memorySwap,
    expected: [
      v(
        'memory-limit-no-swap',
        'memorySwap is unset; set it equal to memory (2048) so the container cannot swap.',
      ),
    ],
  },
  {
    name: 'a container without a CPU limit is refused',
    change: (c) => delete c.cpus,
    expected: [v('cpu-limit', 'no CPU limit is set; set cpus (e.g. "2") or cpuQuota.')],
  },
  {
    name: 'CPU shares alone do not count as a limit',
    change: (c) => {
      delete c.cpus;
      c.cpuShares = 512;
    },
    expected: [v('cpu-limit', 'no CPU limit is set; set cpus (e.g. "2") or cpuQuota.')],
  },
  {
    name: 'a container without a health check is refused',
    change: (c) => delete c.healthcheck,
    expected: [
      v(
        'exec-form-healthcheck',
        'no health check is set; set healthcheck.tests to ["CMD", <program>, …].',
      ),
    ],
  },
  {
    name: 'a shell-form health check is refused for the form and for the shell',
    change: (c) => {
      if (c.healthcheck)
        c.healthcheck.tests = ['CMD-SHELL', 'curl -f http://localhost:8089/health'];
    },
    expected: [
      v(
        'exec-form-healthcheck',
        'healthcheck.tests starts with CMD-SHELL; use the exec form ["CMD", <program>, …].',
      ),
      v(
        'exec-form-healthcheck',
        'health check runs curl; run a program the image ships (e.g. node).',
      ),
    ],
  },
  {
    name: 'an exec-form health check that runs wget is refused',
    change: (c) => {
      if (c.healthcheck) c.healthcheck.tests = ['CMD', '/usr/bin/wget', '-q', 'http://127.0.0.1'];
    },
    expected: [
      v(
        'exec-form-healthcheck',
        'health check runs wget; run a program the image ships (e.g. node).',
      ),
    ],
  },
  {
    name: 'a health check without retries is refused',
    change: (c) => delete c.healthcheck?.retries,
    expected: [v('exec-form-healthcheck', 'healthcheck.retries is unset; set it.')],
  },
  {
    name: 'restart always is refused',
    change: (c) => (c.restart = 'always'),
    expected: [
      v(
        'bounded-restart-policy',
        "restart is 'always'; use 'unless-stopped' or 'on-failure' with maxRetryCount between " +
          '1 and 5.',
      ),
    ],
  },
  {
    name: 'on-failure without a retry bound is refused',
    change: (c) => (c.restart = 'on-failure'),
    expected: [v('bounded-restart-policy', 'maxRetryCount is 0; set it between 1 and 5.')],
  },
  {
    name: 'on-failure with five retries is accepted',
    change: (c) => {
      c.restart = 'on-failure';
      c.maxRetryCount = 5;
    },
    expected: [],
  },
  {
    name: 'the default json-file logging, which never rotates, is refused',
    change: (c) => delete c.logDriver,
    expected: [
      v(
        'log-rotation',
        "logDriver is unset; use 'local', or 'json-file' with max-size and max-file.",
      ),
    ],
  },
  {
    name: 'json-file logging without max-file is refused',
    change: (c) => {
      c.logDriver = 'json-file';
      c.logOpts = { 'max-size': '10m' };
    },
    expected: [v('log-rotation', 'logOpts lacks max-file; set it.')],
  },
  {
    name: 'a port published on every interface is refused',
    change: (c) => (c.ports = [{ internal: 8089, external: 8089 }]),
    expected: [
      v(
        'ports-bound-to-interface',
        'port 8089 is published on every interface; set ports[].ip to the one host address ' +
          'that should serve it.',
      ),
    ],
  },
  {
    name: 'a port published on a privileged host port is refused',
    change: (c) => (c.ports = [{ internal: 8089, external: 443, ip: '192.168.1.20' }]),
    expected: [
      v('ports-bound-to-interface', 'port 8089 is published on host port 443; use >= 1024.'),
    ],
  },
  {
    name: 'publishing every exposed port is refused',
    change: (c) => (c.publishAllPorts = true),
    expected: [
      v(
        'ports-bound-to-interface',
        'publishAllPorts is true; publish each port explicitly on one interface.',
      ),
    ],
  },
  {
    name: 'publishing a port other than 8089 is refused',
    change: (c) => c.ports?.push({ internal: 9229, external: 9229, ip: '127.0.0.1' }),
    expected: [
      v('publishes-only-auth-port', 'container port 9229 is published; publish only 8089.'),
    ],
  },
  {
    name: 'a datastore that publishes its port is refused',
    base: mongoContainer,
    change: (c) => (c.ports = [{ internal: 27017, external: 27017, ip: '127.0.0.1' }]),
    expected: [
      v('publishes-only-auth-port', 'container port 27017 is published; publish only 8089.'),
      v(
        'datastore-publishes-nothing',
        'datastore publishes port 27017; a datastore publishes nothing and is reached over the ' +
          'internal network.',
      ),
    ],
  },
  {
    name: 'an image referenced by tag is refused',
    change: (c) => (c.image = 'registry.local:5000/lucid/auth-service:1.0.0'),
    expected: [
      v(
        'image-pinned-by-digest',
        "image 'registry.local:5000/lucid/auth-service:1.0.0' is not pinned; reference it by " +
          '@sha256 digest.',
      ),
    ],
  },
  {
    name: 'the latest tag is refused twice over: unpinned and latest',
    change: (c) => (c.image = 'lucid/auth-service:latest'),
    expected: [
      v(
        'image-pinned-by-digest',
        "image 'lucid/auth-service:latest' is not pinned; reference it by @sha256 digest.",
      ),
      v(
        'image-not-latest',
        "image 'lucid/auth-service:latest' resolves to latest; name a version and pin its digest.",
      ),
    ],
  },
  {
    name: 'an image id from RemoteImage.imageId counts as pinned',
    change: (c) => (c.image = `sha256:${'f'.repeat(64)}`),
    expected: [],
  },
  {
    name: 'a literal password in the environment is refused',
    change: (c) => c.envs?.push('MONGO_PASSWORD=hunter2hunter2'),
    expected: [
      v(
        'no-literal-secrets-in-env',
        'MONGO_PASSWORD holds a literal secret value; mount the secret as a file and pass its ' +
          'path in MONGO_PASSWORD_FILE.',
      ),
    ],
  },
  {
    name: 'a connection string with a password in the environment is refused',
    change: (c) => c.envs?.push('MONGODB_URI=mongodb://app:s3cret@lucid-mongodb:27017/lucid'),
    expected: [
      v(
        'no-literal-secrets-in-env',
        'MONGODB_URI holds a URL with an embedded password; mount the secret as a file and ' +
          'pass its path in MONGODB_URI_FILE.',
      ),
    ],
  },
  {
    name: 'switching TLS verification off in the environment is refused',
    change: (c) => c.envs?.push('NODE_TLS_REJECT_UNAUTHORIZED=0'),
    expected: [
      v(
        'tls-verification-enabled',
        'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate verification off; remove it.',
      ),
    ],
  },
  {
    name: 'a container without an init process draws an advisory',
    change: (c) => delete c.init,
    expected: [v('init-process', 'init is not true; set init: true.')],
  },
];

describe('docker.Container runtime policies', () => {
  itRefusesEachChange(cases);
});
