// Distroless images have no shell and no HTTP client, so a check that needs one always fails
// there (distroless #1773); elsewhere a shell check hides failures behind `sh -c` quoting.
const FORBIDDEN = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox', 'curl', 'wget']);

/** Names the first shell or HTTP client the command runs, if any. */
export function forbiddenProgram(command: readonly string[]): string | undefined {
  for (const part of command) {
    const program = part.trim().split(/\s+/)[0] ?? '';
    const base = program.slice(program.lastIndexOf('/') + 1);
    if (FORBIDDEN.has(base)) return base;
  }
  return undefined;
}
