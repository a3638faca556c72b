import { containerPolicy } from '../lib/docker.js';

/** Keeps the root group out of the container's primary and supplementary groups. */
export const dockerContainerNoRootGroup = containerPolicy({
  name: 'docker-container-no-root-group',
  description:
    'Docker containers run without the root group: the gid in user and every groupAdds ' +
    'entry are non-zero (Trivy KSV-0116, Kyverno require-non-root-groups).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    const gid = /^[^:]+:(.+)$/.exec(container.user ?? '')?.[1];
    if (gid === '0' || gid === 'root') {
      report(`user '${container.user}' runs with gid 0; set a non-zero gid.`);
    }
    for (const group of container.groupAdds ?? []) {
      if (group === '0' || group === 'root') {
        report(`groupAdds includes '${group}'; supplementary groups must not include root.`);
      }
    }
  },
});
