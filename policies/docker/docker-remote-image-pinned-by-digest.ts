import { resourcePolicy } from '../lib/define.js';
import { isPinnedByDigest } from '../lib/images.js';
import { TYPE } from '../lib/type-tokens.js';
import type { RemoteImageProps } from '../lib/types.js';

/** Pulls a reviewed image by content, so a re-pushed tag cannot change what runs. */
export const dockerRemoteImagePinnedByDigest = resourcePolicy<RemoteImageProps>({
  name: 'docker-remote-image-pinned-by-digest',
  description: 'Remote images are pulled by sha256 digest (name@sha256:…), never by tag alone.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  types: [TYPE.dockerRemoteImage],
  validate: (image, _context, report) => {
    if (image.build !== undefined) return;
    if (!isPinnedByDigest(image.name)) {
      report(`name '${image.name}' is not pinned; pull it as name:tag@sha256:<digest>.`);
    }
  },
});
