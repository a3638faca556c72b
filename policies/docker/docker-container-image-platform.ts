import type { PolicyResource } from '@pulumi/policy';

import { stackPolicy } from '../lib/define.js';
import { allowedPlatformsSchema, platformList } from '../lib/platforms.js';
import { TYPE } from '../lib/type-tokens.js';
import type { ContainerProps, ImageProps, RemoteImageProps } from '../lib/types.js';

interface Config {
  allowedPlatforms: string[];
}

const IMAGE_TYPES: readonly string[] = [TYPE.dockerImage, TYPE.dockerRemoteImage];

// Outputs an image resource hands to a container's `image` input.
const REFERENCE_OUTPUTS = ['repoDigest', 'imageId', 'imageName', 'name'] as const;

function platformOf(image: PolicyResource): string | undefined {
  if (image.type === TYPE.dockerImage) {
    const props = image.props as ImageProps & { platform?: string };
    return props.platform ?? props.build?.platform;
  }
  const props = image.props as RemoteImageProps;
  return props.platform ?? props.build?.platform;
}

/**
 * The image resources a container's image comes from: the engine records them as property
 * dependencies of `image`; a recorder that keeps only the dependency list (a program run
 * under mocks) gives the image resources among all dependencies; failing both, the image
 * value is matched against the outputs of the stack's image resources.
 */
function imageSources(container: PolicyResource, images: PolicyResource[]): PolicyResource[] {
  const isImage = (resource: PolicyResource) => IMAGE_TYPES.includes(resource.type);
  const declared = (container.propertyDependencies.image ?? []).filter(isImage);
  if (declared.length > 0) return declared;
  const dependedOn = container.dependencies.filter(isImage);
  if (dependedOn.length > 0) return dependedOn;

  const reference = (container.props as ContainerProps).image;
  return images.filter((image) =>
    REFERENCE_OUTPUTS.some(
      (output) => (image.props as Record<string, unknown>)[output] === reference,
    ),
  );
}

/** Runs every container from an image built or pulled for the stack's platform. */
export const dockerContainerImagePlatform = stackPolicy<Config>({
  name: 'docker-container-image-platform',
  description:
    'Every Docker container runs an image that a docker.Image or docker.RemoteImage of the ' +
    'stack builds or pulls for an allowed platform (docker.Container has no platform input).',
  enforcementLevel: 'mandatory',
  severity: 'medium',
  configSchema: { properties: { allowedPlatforms: allowedPlatformsSchema } },
  validate: ({ config, resources }, report) => {
    const allowed = config.allowedPlatforms;
    const images = resources.filter((resource) => IMAGE_TYPES.includes(resource.type));
    for (const container of resources.filter((r) => r.type === TYPE.dockerContainer)) {
      const sources = imageSources(container, images);
      if (sources.length === 0) {
        report(
          `container ${container.name} runs an image no docker.Image or docker.RemoteImage of ` +
            `the stack provides; declare one with platform ${platformList(allowed)}.`,
          container.urn,
        );
      }
      for (const source of sources) {
        const platform = platformOf(source);
        if (allowed.length === 0) continue;
        if (platform === undefined || !allowed.includes(platform)) {
          report(
            `container ${container.name} runs ${source.name}, whose platform is ` +
              `${platform ?? 'unset'}; it must be ${platformList(allowed)}.`,
            container.urn,
          );
        }
      }
    }
  },
});
