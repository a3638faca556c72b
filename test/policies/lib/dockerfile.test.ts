import { describe, expect, it } from 'vitest';

import {
  execForm,
  keyValuePairs,
  parseDockerfile,
} from '../../../policies/lib/dockerfile/parse.js';
import { expand, finalImageOf, stagesOf } from '../../../policies/lib/dockerfile/stages.js';

describe('parseDockerfile', () => {
  it('joins continuation lines and skips comments inside them', () => {
    const text = 'RUN apt-get update \\\n# a comment\n  && apt-get install -y x\nUSER 1';
    expect(parseDockerfile(text)).toEqual([
      { keyword: 'RUN', args: 'apt-get update && apt-get install -y x', flags: {}, line: 1 },
      { keyword: 'USER', args: '1', flags: {}, line: 4 },
    ]);
  });

  it('honours the escape directive for Windows-style Dockerfiles', () => {
    const text = '# escape=`\nFROM scratch\nRUN a `\n  b';
    expect(parseDockerfile(text).map((i) => i.args)).toEqual(['scratch', 'a b']);
  });

  it('separates --flags from the arguments and lower-cases their names', () => {
    const [healthcheck] = parseDockerfile('HEALTHCHECK --Interval=5s --retries=3 CMD ["x"]');
    expect(healthcheck?.flags).toEqual({ interval: '5s', retries: '3' });
    expect(healthcheck?.args).toBe('CMD ["x"]');
  });

  it('reads keywords in any case', () => {
    expect(parseDockerfile('from scratch')[0]?.keyword).toBe('FROM');
  });
});

describe('execForm', () => {
  it('reads a JSON array of strings', () => {
    expect(execForm('["/nodejs/bin/node", "a.js"]')).toEqual(['/nodejs/bin/node', 'a.js']);
  });

  it('treats a malformed array as the shell form, as Docker does', () => {
    expect(execForm("['node', 'a.js']")).toBeUndefined();
    expect(execForm('node a.js')).toBeUndefined();
  });
});

describe('keyValuePairs', () => {
  it('reads quoted values and names without values', () => {
    expect(keyValuePairs('A=1 B="two words" C')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: 'two words' },
      { key: 'C', value: undefined },
    ]);
  });

  it('reads the legacy ENV form with a space instead of =', () => {
    expect(keyValuePairs('GREETING hello world')).toEqual([
      { key: 'GREETING', value: 'hello world' },
    ]);
  });
});

describe('stages', () => {
  const values = (name: string) => ({ SET: 'x', EMPTY: '' })[name];

  it('expands variables with their default and alternate operators', () => {
    expect(expand('$SET ${SET} ${UNSET:-d} ${EMPTY:-d} ${EMPTY-d} ${SET:+alt}', values)).toBe(
      'x x d d  alt',
    );
  });

  it('lets a build arg override only an ARG declared before the first FROM', () => {
    const instructions = parseDockerfile('ARG BASE=a:1\nFROM $BASE\nFROM ${OTHER:-b:2}');
    const stages = stagesOf(instructions, { BASE: 'c:3', OTHER: 'ignored:9' });
    expect(stages.map((s) => s.base)).toEqual(['c:3', 'b:2']);
  });

  it('follows the final stage back through the stages it is built on', () => {
    const stages = stagesOf(
      parseDockerfile('FROM img:1 AS base\nUSER 10001\nFROM node:1 AS build\nFROM base AS final'),
    );
    const final = finalImageOf(stages);
    expect(final?.baseImage).toBe('img:1');
    expect(final?.chain.map((s) => s.alias)).toEqual(['base', 'final']);
    expect(finalImageOf(stages, 'BUILD')?.baseImage).toBe('node:1');
    expect(finalImageOf(stages, 'missing')).toBeUndefined();
  });
});
