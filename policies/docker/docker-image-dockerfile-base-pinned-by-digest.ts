import { dockerfilePolicy } from '../lib/dockerfile/policy.js';
import { isStageReference } from '../lib/dockerfile/stages.js';
import { isPinnedByDigest } from '../lib/images.js';

/** Builds from base images fixed by content, so a moved tag cannot change the image. */
export const dockerImageDockerfileBasePinnedByDigest = dockerfilePolicy({
  name: 'docker-image-dockerfile-base-pinned-by-digest',
  description:
    'Every FROM of the Dockerfile names its image by sha256 digest (after ARG defaults and ' +
    'build args are applied); stages built on earlier stages are exempt.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  validate: ({ stages, file }, _context, report) => {
    for (const stage of stages) {
      if (stage.base === 'scratch' || isStageReference(stages, stage)) continue;
      if (!isPinnedByDigest(stage.base)) {
        report(`${file}:${stage.line} FROM ${stage.base} is not pinned; add @sha256:<digest>.`);
      }
    }
  },
});
