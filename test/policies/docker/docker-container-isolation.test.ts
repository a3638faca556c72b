import { describe, expect, it } from 'vitest';

import { authContainer, mongoContainer, redisContainer } from '../support/docker-baselines.js';
import {
  checkContainer,
  containerViolation as v,
  itRefusesEachChange,
  type ContainerCase,
} from '../support/container-cases.js';

const cases: ContainerCase[] = [
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
];

describe('docker.Container isolation policies', () => {
  it('pass the compliant auth, MongoDB and Redis containers without a finding', async () => {
    expect(await checkContainer(authContainer())).toEqual([]);
    expect(await checkContainer(mongoContainer(), 'mongodb')).toEqual([]);
    expect(await checkContainer(redisContainer(), 'redis')).toEqual([]);
  });

  itRefusesEachChange(cases);
});
