import { describe, expect, it } from 'vitest';

import { TYPE } from '../../../policies/lib/type-tokens.js';
import type { ContainerProps } from '../../../policies/lib/types.js';
import { authContainer, mongoContainer, redisContainer } from '../support/docker-baselines.js';
import { resourceViolations, sorted, type Violation } from '../support/pack.js';

interface Case {
  name: string;
  change: (container: ContainerProps) => void;
  expected: Violation[];
  base?: () => ContainerProps;
}

function check(props: ContainerProps, name = 'auth') {
  return resourceViolations({ type: TYPE.dockerContainer, props, name });
}

const v = (policy: string, message: string): Violation => ({
  policy: `docker-container-${policy}`,
  message,
});

const cases: Case[] = [
  {
    name: 'a container without a user is refused, since the image would decide',
    change: (c) => delete c.user,
    expected: [
      v(
        'non-root-user',
        'user is unset, so the image decides; set user to a numeric uid:gid >= 10000.',
      ),
    ],
  },
  {
    name: 'a container running as root is refused',
    change: (c) => (c.user = '0:0'),
    expected: [
      v('non-root-user', "user '0:0' is root; set user to a numeric uid:gid >= 10000."),
      v('no-root-group', "user '0:0' runs with gid 0; set a non-zero gid."),
    ],
  },
  {
    name: 'a user given by name is refused, since only a number can be checked',
    change: (c) => (c.user = 'node'),
    expected: [
      v('non-root-user', "user 'node' is not numeric; set user to a numeric uid:gid >= 10000."),
    ],
  },
  {
    name: 'a uid below 10000 is refused for the auth service',
    change: (c) => (c.user = '1000:1000'),
    expected: [
      v(
        'non-root-user',
        "user '1000:1000' has uid 1000 below 10000 and no configured exception allows it; " +
          'set user to a numeric uid:gid >= 10000.',
      ),
    ],
  },
  {
    name: 'the 999 exception covers MongoDB but not a different low uid for it',
    base: mongoContainer,
    change: (c) => (c.user = '998:998'),
    expected: [
      v(
        'non-root-user',
        "user '998:998' has uid 998 below 10000 and no configured exception allows it; " +
          'set user to a numeric uid:gid >= 10000.',
      ),
    ],
  },
  {
    name: 'the root group among supplementary groups is refused',
    change: (c) => (c.groupAdds = ['root']),
    expected: [
      v('no-root-group', "groupAdds includes 'root'; supplementary groups must not include root."),
    ],
  },
  {
    name: 'a privileged container is refused',
    change: (c) => (c.privileged = true),
    expected: [
      v(
        'no-privileged',
        'privileged is true; the container must run unprivileged (privileged unset or false).',
      ),
    ],
  },
  {
    name: 'a container that keeps the default capabilities is refused',
    change: (c) => (c.capabilities = { drops: ['NET_RAW'] }),
    expected: [
      v('drop-all-capabilities', 'capabilities.drops does not include ALL; drop ALL capabilities.'),
    ],
  },
  {
    name: 'a container that adds a capability back is refused',
    change: (c) => (c.capabilities = { drops: ['ALL'], adds: ['NET_BIND_SERVICE'] }),
    expected: [
      v('no-added-capabilities', 'capabilities.adds is [NET_BIND_SERVICE]; add no capabilities.'),
    ],
  },
  {
    name: 'a container without no-new-privileges is refused',
    change: (c) => (c.securityOpts = []),
    expected: [v('no-new-privileges', "securityOpts lacks 'no-new-privileges:true'; add it.")],
  },
  {
    name: 'no-new-privileges set to false is refused',
    change: (c) => (c.securityOpts = ['no-new-privileges=false']),
    expected: [v('no-new-privileges', "securityOpts lacks 'no-new-privileges:true'; add it.")],
  },
  {
    name: 'an unconfined seccomp profile is refused',
    change: (c) => c.securityOpts?.push('seccomp=unconfined'),
    expected: [
      v(
        'seccomp-not-unconfined',
        'securityOpts sets seccomp unconfined; keep the default or a custom profile.',
      ),
    ],
  },
  {
    name: 'an unconfined AppArmor profile is refused',
    change: (c) => c.securityOpts?.push('apparmor:unconfined'),
    expected: [
      v(
        'apparmor-not-unconfined',
        'securityOpts sets apparmor unconfined; keep docker-default or a custom profile.',
      ),
    ],
  },
  {
    name: 'disabling SELinux labels is refused',
    change: (c) => c.securityOpts?.push('label=disable'),
    expected: [
      v('selinux-labels-enabled', 'securityOpts sets label=disable; keep SELinux labelling on.'),
    ],
  },
  {
    name: 'the host network is refused',
    change: (c) => (c.networkMode = 'host'),
    expected: [
      v('no-host-namespaces', "networkMode is 'host'; the container must keep its own namespace."),
    ],
  },
  {
    name: 'the host PID namespace is refused',
    change: (c) => (c.pidMode = 'host'),
    expected: [
      v('no-host-namespaces', "pidMode is 'host'; the container must keep its own namespace."),
    ],
  },
  {
    name: 'the host IPC namespace is refused',
    change: (c) => (c.ipcMode = 'host'),
    expected: [
      v('no-host-namespaces', "ipcMode is 'host'; the container must keep its own namespace."),
    ],
  },
  {
    name: 'the host user namespace is refused',
    change: (c) => (c.usernsMode = 'host'),
    expected: [
      v('no-host-namespaces', "usernsMode is 'host'; the container must keep its own namespace."),
    ],
  },
  {
    name: 'a bind mount of /etc is refused',
    change: (c) => c.volumes?.push({ hostPath: '/etc/ssl', containerPath: '/etc/ssl' }),
    expected: [
      v(
        'no-sensitive-host-mounts',
        'volumes binds host path /etc/ssl; use a named volume instead.',
      ),
    ],
  },
  {
    name: 'a bind mount of the host root through mounts is refused',
    change: (c) => (c.mounts = [{ type: 'bind', source: '/', target: '/host', readOnly: true }]),
    expected: [
      v('no-sensitive-host-mounts', 'mounts binds host path /; use a named volume instead.'),
    ],
  },
  {
    name: 'the Docker socket is refused',
    change: (c) =>
      c.volumes?.push({ hostPath: '/var/run/docker.sock', containerPath: '/var/run/docker.sock' }),
    expected: [
      v(
        'no-docker-socket',
        'volumes binds /var/run/docker.sock; no container may reach the container runtime.',
      ),
    ],
  },
  {
    name: 'a bind mount with shared propagation is refused',
    change: (c) =>
      (c.mounts = [
        {
          type: 'bind',
          source: '/srv/data',
          target: '/data',
          bindOptions: { propagation: 'rshared' },
        },
      ]),
    expected: [
      v(
        'private-mount-propagation',
        'mount at /data uses rshared propagation; use private or rprivate.',
      ),
    ],
  },
  {
    name: 'a host device is refused',
    change: (c) => (c.devices = [{ hostPath: '/dev/mem' }]),
    expected: [
      v('no-host-devices', 'devices passes /dev/mem into the container; pass no host devices.'),
    ],
  },
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
    name: 'a sysctl outside the safe list is refused',
    change: (c) => (c.sysctls = { 'net.ipv4.ip_forward': '1' }),
    expected: [
      v(
        'safe-sysctls',
        'sysctls sets net.ipv4.ip_forward; set only kernel.shm_rmid_forced, ' +
          'net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, ' +
          'net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, ' +
          'net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, ' +
          'net.ipv4.tcp_keepalive_probes.',
      ),
    ],
  },
  {
    name: 'a container on the default bridge only is refused',
    change: (c) => delete c.networksAdvanced,
    expected: [
      v(
        'user-defined-network',
        'the container joins only the default bridge; attach it through networksAdvanced.',
      ),
    ],
  },
  {
    name: 'a container without an init process draws an advisory',
    change: (c) => delete c.init,
    expected: [v('init-process', 'init is not true; set init: true.')],
  },
];

describe('docker.Container policies', () => {
  it('pass the compliant auth, MongoDB and Redis containers without a finding', async () => {
    expect(await check(authContainer())).toEqual([]);
    expect(await check(mongoContainer(), 'mongodb')).toEqual([]);
    expect(await check(redisContainer(), 'redis')).toEqual([]);
  });

  it.each(cases)('$name', async ({ change, expected, base = authContainer }) => {
    const container = base();
    change(container);
    expect(sorted(await check(container))).toEqual(sorted(expected));
  });
});
