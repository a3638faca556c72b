/** Config schema for the platforms a stack may build or run. */
export const allowedPlatformsSchema = {
  type: 'array' as const,
  items: { type: 'string' as const },
  description:
    'Platforms images must target. The default is the production target, a Raspberry Pi 5 ' +
    "(linux/arm64); an empty list accepts any platform, including none (the engine's own), " +
    'which is what the dev stack builds and pulls.',
  default: ['linux/arm64'],
};

/** Describes the allowed platforms for a message. */
export function platformList(platforms: readonly string[]): string {
  return platforms.join(' or ');
}
