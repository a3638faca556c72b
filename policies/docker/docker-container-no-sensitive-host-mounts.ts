import path from 'node:path';

import { containerPolicy, hostPathsOf } from '../lib/docker.js';

// CIS Docker 5.6 names these host directories; binding any of them (or a path below them)
// hands the container the host's configuration, kernel interfaces or binaries.
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root'];

function isSensitive(source: string): boolean {
  const normalized = path.posix.normalize(source);
  if (normalized === '/') return true;
  return SENSITIVE.some(
    (directory) =>
      directory !== '/' && (normalized === directory || normalized.startsWith(`${directory}/`)),
  );
}

/** Refuses bind mounts of sensitive host directories (CIS Docker 5.6). */
export const dockerContainerNoSensitiveHostMounts = containerPolicy({
  name: 'docker-container-no-sensitive-host-mounts',
  description:
    'Docker containers bind no sensitive host directory (/, /boot, /dev, /etc, /lib, /proc, ' +
    '/sys, /usr, /root or below) (CIS Docker 5.6).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: (container, _context, report) => {
    for (const { source, via } of hostPathsOf(container)) {
      if (via !== 'devices' && isSensitive(source)) {
        report(`${via} binds host path ${source}; use a named volume instead.`);
      }
    }
  },
});
