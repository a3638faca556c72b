import { resourcePolicy } from '../lib/define.js';
import { allowedPlatformsSchema, platformList } from '../lib/platforms.js';
import { TYPE } from '../lib/type-tokens.js';
import type { ImageProps } from '../lib/types.js';

interface Config {
  allowedPlatforms: string[];
}

/** Builds the image for the machine that runs it (arm64 for the Pi). */
export const dockerImagePlatform = resourcePolicy<ImageProps, Config>({
  name: 'docker-image-platform',
  description:
    "Image builds name their target platform, and it is one the stack runs on (the pack's " +
    'allowedPlatforms config; linux/arm64 unless a stack config widens it).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  types: [TYPE.dockerImage],
  configSchema: { properties: { allowedPlatforms: allowedPlatformsSchema } },
  validate: (image, context, report) => {
    const allowed = context.config.allowedPlatforms;
    if (allowed.length === 0) return;
    const platform = image.build?.platform;
    if (platform === undefined) {
      report(`build.platform is unset, so the build host decides; set ${platformList(allowed)}.`);
    } else if (!allowed.includes(platform)) {
      report(`build.platform is ${platform}; build for ${platformList(allowed)}.`);
    }
  },
});
