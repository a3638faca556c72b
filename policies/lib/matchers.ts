/** A config entry that picks containers or workloads by image or by name (regular expressions). */
export interface Matcher {
  image?: string;
  name?: string;
}

/** What a matcher is tested against; the image is read last because it is often unknown. */
export interface Candidate {
  names: readonly (string | undefined)[];
  image: () => string | undefined;
}

/**
 * True when the name pattern matches one of the names or the image pattern matches the image.
 * Names come first: reading an image computed by another resource throws during preview.
 */
export function matches(matcher: Matcher, candidate: Candidate): boolean {
  if (matcher.name !== undefined) {
    const pattern = new RegExp(matcher.name);
    if (candidate.names.some((name) => name !== undefined && pattern.test(name))) return true;
  }
  if (matcher.image === undefined) return false;
  const image = candidate.image();
  return image !== undefined && new RegExp(matcher.image).test(image);
}

/** True when any matcher of the list matches. */
export function matchesAny(matchers: readonly Matcher[], candidate: Candidate): boolean {
  return matchers.some((matcher) => matches(matcher, candidate));
}

/** The config schema of a matcher list, shared by every policy that takes one. */
export function matcherListSchema(description: string, defaults: Matcher[]) {
  return {
    type: 'array' as const,
    description,
    items: {
      type: 'object' as const,
      properties: {
        image: { type: 'string' as const, description: 'Regular expression on the image.' },
        name: { type: 'string' as const, description: 'Regular expression on the name.' },
      },
      additionalProperties: false,
    },
    default: defaults,
  };
}

/** Images and names of the datastores: MongoDB (or FerretDB) and Redis (or Valkey). */
export const DATASTORES: Matcher[] = [
  {
    image: '(^|/)(mongo|ferretdb|redis|valkey)([:@]|$)',
    name: '(^|-)(mongo|mongodb|ferretdb|redis|valkey)(-|$)',
  },
];
