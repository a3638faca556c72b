import { containerPolicy } from '../lib/docker.js';
import { isPinnedByDigest } from '../lib/images.js';

/** Runs exactly the image that was reviewed: a tag can move, a digest cannot. */
export const dockerContainerImagePinnedByDigest = containerPolicy({
  name: 'docker-container-image-pinned-by-digest',
  description:
    'Docker containers reference their image by sha256 digest (repo@sha256:… or the ' +
    'image id), as RemoteImage.repoDigest or Image.repoDigest give it.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: (container, _context, report) => {
    if (!isPinnedByDigest(container.image)) {
      report(`image '${container.image}' is not pinned; reference it by @sha256 digest.`);
    }
  },
});
