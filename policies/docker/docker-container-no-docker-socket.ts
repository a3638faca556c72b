import { containerPolicy, hostPathsOf } from '../lib/docker.js';

// Any container-runtime socket, or the directory holding one, gives root on the host
// (CIS Docker 5.32, Checkov CKV_K8S_27).
const RUNTIME_SOCKET = /^\/(var\/)?run\/(.*\.sock|(docker|containerd|crio|podman)\/?)$/;

/** Refuses container-runtime sockets inside containers. */
export const dockerContainerNoDockerSocket = containerPolicy({
  name: 'docker-container-no-docker-socket',
  description:
    'Docker containers never mount the Docker socket or any other runtime socket ' +
    '(CIS Docker 5.32).',
  enforcementLevel: 'mandatory',
  severity: 'critical',
  validate: (container, _context, report) => {
    for (const { source, via } of hostPathsOf(container)) {
      if (RUNTIME_SOCKET.test(source)) {
        report(`${via} binds ${source}; no container may reach the container runtime.`);
      }
    }
  },
});
