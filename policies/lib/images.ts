/** A container image reference split into its parts. */
export interface ImageReference {
  /** Registry and path, e.g. `gcr.io/distroless/nodejs24-debian13`. */
  repository: string;
  tag?: string;
  /** `sha256:<64 hex>` when the reference is pinned. */
  digest?: string;
  /** True for a bare image id (`sha256:…`), as `RemoteImage.imageId` returns. */
  isImageId: boolean;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Splits `registry/path:tag@sha256:…` (any part after the path optional). */
export function parseImageReference(reference: string): ImageReference {
  if (DIGEST.test(reference)) {
    return { repository: '', digest: reference, isImageId: true };
  }

  const at = reference.indexOf('@');
  const named = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? undefined : reference.slice(at + 1);

  // A colon after the last slash starts the tag; one before it belongs to a registry port.
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const repository = hasTag ? named.slice(0, colon) : named;
  const tag = hasTag ? named.slice(colon + 1) : undefined;
  return { repository, tag, digest, isImageId: false };
}

/** True when the reference names content by a well-formed sha256 digest. */
export function isPinnedByDigest(reference: string): boolean {
  const { digest } = parseImageReference(reference);
  return digest !== undefined && DIGEST.test(digest);
}

/** True when the reference resolves to `latest`: tagged so, or neither tagged nor pinned. */
export function resolvesToLatest(reference: string): boolean {
  const { tag, digest } = parseImageReference(reference);
  if (digest !== undefined) return false;
  return tag === undefined || tag === 'latest';
}
