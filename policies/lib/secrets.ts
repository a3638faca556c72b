// Names that announce a credential (Checkov CKV_K8S_35, Polaris sensitiveContainerEnvVar,
// hadolint DL3064, Trivy DS-0031 all key on these words).
const SECRET_NAME = new RegExp(
  '(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|(^|_)KEY$)',
  'i',
);

// A name that points at a secret rather than holding it (the `*_FILE` convention of the
// official mongo and redis entrypoints, and of our service).
const REFERENCE_SUFFIX = /_(FILE|PATH|DIR)$/i;

// Values that cannot be a credential: numbers, durations, booleans, absolute paths.
const HARMLESS_VALUE = /^(\d+(\.\d+)?[smhdw]?|true|false|yes|no|on|off|\/[\w./-]*)$/i;

const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** True when a variable name says it carries a credential itself (not a path to one). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !REFERENCE_SUFFIX.test(name);
}

/**
 * Says why a literal name/value pair leaks a credential, or undefined when it does not: a
 * secret-named variable with a non-trivial value, or any value holding a URL password or a
 * PEM private key.
 */
export function literalSecretReason(name: string, value: string): string | undefined {
  if (URL_WITH_PASSWORD.test(value)) return `${name} holds a URL with an embedded password`;
  if (PEM_BLOCK.test(value)) return `${name} holds a PEM private key`;
  if (value === '' || HARMLESS_VALUE.test(value)) return undefined;
  return isSecretName(name) ? `${name} holds a literal secret value` : undefined;
}

/** Splits a Docker `envs` entry (`NAME=value`) into its name and value. */
export function splitEnv(entry: string): { name: string; value: string } {
  const equals = entry.indexOf('=');
  if (equals === -1) return { name: entry, value: '' };
  return { name: entry.slice(0, equals), value: entry.slice(equals + 1) };
}

// Variables that switch off TLS certificate checks (Checkov CKV2_DOCKER_6, _12, _13).
const TLS_OFF: Record<string, RegExp> = {
  NODE_TLS_REJECT_UNAUTHORIZED: /^0$/,
  NPM_CONFIG_STRICT_SSL: /^(false|0)$/i,
  GIT_SSL_NO_VERIFY: /^(true|1)$/i,
  PYTHONHTTPSVERIFY: /^0$/,
};

/** True when the variable turns TLS certificate verification off. */
export function disablesTls(name: string, value: string): boolean {
  const pattern = TLS_OFF[name.toUpperCase()];
  return pattern !== undefined && pattern.test(value.trim());
}
