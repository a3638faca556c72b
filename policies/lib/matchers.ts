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

function matchesName(matcher: Matcher, candidate: Candidate): boolean {
  if (matcher.name === undefined) return false;
  const pattern = new RegExp(matcher.name);
  return candidate.names.some((name) => name !== undefined && pattern.test(name));
}

function matchesImage(matcher: Matcher, candidate: Candidate): boolean {
  if (matcher.image === undefined) return false;
  const image = candidate.image();
  return image !== undefined && new RegExp(matcher.image).test(image);
}

/**
 * True when the name pattern matches one of the names or the image pattern matches the image.
 * Names come first: reading an image computed by another resource throws during preview.
 */
export function matches(matcher: Matcher, candidate: Candidate): boolean {
  return matchesName(matcher, candidate) || matchesImage(matcher, candidate);
}

/** True when any matcher of the list matches. */
export function matchesAny(matchers: readonly Matcher[], candidate: Candidate): boolean {
  return matchers.some((matcher) => matches(matcher, candidate));
}

/**
 * True when the candidate is a datastore: its name says so; or, unless its name says it is a
 * client of the datastores (the auth service), its image does. Deciding by name where names
 * decide keeps the image, unknown during a preview, from being read at all.
 */
export function isDatastore(
  datastores: readonly Matcher[],
  clients: readonly Matcher[],
  candidate: Candidate,
): boolean {
  if (datastores.some((matcher) => matchesName(matcher, candidate))) return true;
  if (clients.some((matcher) => matchesName(matcher, candidate))) return false;
  return datastores.some((matcher) => matchesImage(matcher, candidate));
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
    name: '(^|[-/ ])(mongo|mongodb|ferretdb|redis|valkey)(-|$)',
  },
];

/** Images and names of the one client the datastores serve: the auth service. */
export const SERVICE: Matcher[] = [
  { name: '(^|[-/ ])auth(-|$)', image: '(^|/)(lucid-)?auth(-service)?([:@]|$)' },
];
