import { containerPolicy } from '../lib/docker.js';
import { resolvesToLatest } from '../lib/images.js';

/** Never runs whatever `latest` points at today (CIS Docker 5.28, hadolint DL3007). */
export const dockerContainerImageNotLatest = containerPolicy({
  name: 'docker-container-image-not-latest',
  description:
    "Docker containers never use the 'latest' tag, nor an untagged and unpinned image " +
    '(CIS Docker 5.28).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    if (resolvesToLatest(container.image)) {
      report(`image '${container.image}' resolves to latest; name a version and pin its digest.`);
    }
  },
});
