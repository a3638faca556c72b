import { containerPolicy } from '../lib/docker.js';

/** Passes no host device into the container (CIS Docker 5.18). */
export const dockerContainerNoHostDevices = containerPolicy({
  name: 'docker-container-no-host-devices',
  description: 'Docker containers get no host devices (CIS Docker 5.18).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    for (const device of container.devices ?? []) {
      report(`devices passes ${device.hostPath} into the container; pass no host devices.`);
    }
  },
});
