import { containerPolicy } from '../lib/docker.js';

const NAMESPACE_INPUTS = [
  'networkMode',
  'pidMode',
  'ipcMode',
  'usernsMode',
  'cgroupnsMode',
] as const;

/** Keeps the container out of the host's namespaces (CIS Docker 5.10, 5.16, 5.17, 5.31). */
export const dockerContainerNoHostNamespaces = containerPolicy({
  name: 'docker-container-no-host-namespaces',
  description:
    "Docker containers share none of the host's network, PID, IPC, user or cgroup " +
    'namespaces (CIS Docker 5.10, 5.16, 5.17, 5.31).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: (container, _context, report) => {
    for (const input of NAMESPACE_INPUTS) {
      if (container[input] === 'host') {
        report(`${input} is 'host'; the container must keep its own namespace.`);
      }
    }
  },
});
