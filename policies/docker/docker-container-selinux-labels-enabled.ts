import { containerPolicy, securityOptions } from '../lib/docker.js';

/** Keeps SELinux labelling on where the host runs SELinux (CIS Docker 5.3). */
export const dockerContainerSelinuxLabelsEnabled = containerPolicy({
  name: 'docker-container-selinux-labels-enabled',
  description:
    'Docker containers keep SELinux labelling: no label=disable, no custom user or role ' +
    '(CIS Docker 5.3, Pod Security baseline).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    for (const { key, value } of securityOptions(container)) {
      if (key !== 'label') continue;
      if (value === 'disable') {
        report('securityOpts sets label=disable; keep SELinux labelling on.');
      } else if (/^(user|role):/.test(value)) {
        report(`securityOpts sets label=${value}; leave the SELinux user and role unset.`);
      }
    }
  },
});
