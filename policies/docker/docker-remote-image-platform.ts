import { resourcePolicy } from '../lib/define.js';
import { allowedPlatformsSchema, platformList } from '../lib/platforms.js';
import { TYPE } from '../lib/type-tokens.js';
import type { RemoteImageProps } from '../lib/types.js';

interface Config {
  allowedPlatforms: string[];
}

/** Pulls (or builds) the variant of a multi-arch image the stack's machine runs. */
export const dockerRemoteImagePlatform = resourcePolicy<RemoteImageProps, Config>({
  name: 'docker-remote-image-platform',
  description:
    'Remote images name the platform to pull (or build), and it is one the stack runs on ' +
    "(the pack's allowedPlatforms config).",
  enforcementLevel: 'mandatory',
  severity: 'medium',
  types: [TYPE.dockerRemoteImage],
  configSchema: { properties: { allowedPlatforms: allowedPlatformsSchema } },
  validate: (image, context, report) => {
    const allowed = context.config.allowedPlatforms;
    if (allowed.length === 0) return;
    const platform = image.platform ?? image.build?.platform;
    if (platform === undefined) {
      report(`platform is unset, so the engine's own is pulled; set ${platformList(allowed)}.`);
    } else if (!allowed.includes(platform)) {
      report(`platform is ${platform}; pull ${platformList(allowed)}.`);
    }
  },
});
