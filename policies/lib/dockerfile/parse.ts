/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  /** Upper-case keyword, e.g. `FROM`. */
  keyword: string;
  /** Everything after the keyword and its `--flag=value` options. */
  args: string;
  flags: Record<string, string>;
  /** 1-based line of the keyword. */
  line: number;
}

// Only `escape` changes how the file is read; `syntax` selects a BuildKit frontend, which the
// classic builder we target ignores.
function escapeCharacter(lines: string[]): string {
  for (const line of lines) {
    const directive = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (directive === null) break;
    if (directive[1]?.toLowerCase() === 'escape' && directive[2] === '`') return '`';
  }
  return '\\';
}

function splitFlags(rest: string): { flags: Record<string, string>; args: string } {
  const flags: Record<string, string> = {};
  let args = rest;
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S*))?\s*/i.exec(args);
    if (flag === null) break;
    flags[(flag[1] ?? '').toLowerCase()] = flag[2] ?? 'true';
    args = args.slice(flag[0].length);
  }
  return { flags, args };
}

/**
 * Splits a Dockerfile into instructions the way the classic builder reads it: comment lines
 * dropped (also inside continuations), lines ending in the escape character joined. Heredocs
 * are a BuildKit feature and are not recognised.
 */
export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const instructions: Instruction[] = [];
  let pending = '';
  let startLine = 0;

  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === '')) return;
    if (pending === '') startLine = index + 1;

    const continues = trimmed.endsWith(escape);
    pending += (continues ? trimmed.slice(0, -1).trimEnd() : trimmed) + ' ';
    if (continues) return;

    const statement = pending.trim();
    pending = '';
    if (statement === '') return;
    const space = statement.search(/\s/);
    const keyword = (space === -1 ? statement : statement.slice(0, space)).toUpperCase();
    const rest = space === -1 ? '' : statement.slice(space + 1).trim();
    instructions.push({ keyword, ...splitFlags(rest), line: startLine });
  });
  return instructions;
}

/** Parses the JSON (exec) form of CMD, ENTRYPOINT or RUN; undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    if (Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')) {
      return parsed;
    }
  } catch {
    // Docker runs a malformed JSON array through the shell, so it counts as shell form.
  }
  return undefined;
}

/** Splits `KEY=value KEY2="a b"` (ARG, ENV, LABEL) into pairs; value undefined when absent. */
export function keyValuePairs(args: string): { key: string; value: string | undefined }[] {
  const tokens = args.match(/(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g) ?? [];
  const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/, '$2');

  // Legacy `ENV KEY value with spaces` form: no `=` in the first token.
  if (tokens.length > 1 && !(tokens[0] ?? '').includes('=')) {
    return [{ key: tokens[0] ?? '', value: unquote(tokens.slice(1).join(' ')) }];
  }
  return tokens.map((token) => {
    const equals = token.indexOf('=');
    if (equals === -1) return { key: token, value: undefined };
    return { key: token.slice(0, equals), value: unquote(token.slice(equals + 1)) };
  });
}
