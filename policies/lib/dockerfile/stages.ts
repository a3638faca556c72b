import { keyValuePairs, type Instruction } from './parse.js';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  /** The base as written, with `$VAR` references expanded from ARG defaults and build args. */
  base: string;
  alias?: string;
  instructions: Instruction[];
  line: number;
}

/** The stage an image build produces, and where its content comes from. */
export interface FinalImage {
  stage: Stage;
  /** Stages from the one on an external base up to the final one. */
  chain: Stage[];
  /** The external image the chain starts from. */
  baseImage: string;
}

/** Reads one build argument; the proxy around resource inputs throws if it is unknown. */
export type BuildArgs = Record<string, string | undefined>;

/** Expands `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` from the given values. */
export function expand(text: string, values: (name: string) => string | undefined): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\+|-)([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, braced: string | undefined, operator: string | undefined, word = '', bare = '') => {
      const value = values(braced ?? (bare as string));
      if (operator === ':+') return value ? (word as string) : '';
      if (operator === ':-') return value ? value : (word as string);
      if (operator === '-') return value ?? (word as string);
      return value ?? '';
    },
  );
}

/**
 * Splits instructions into stages. ARGs declared before the first FROM are the only variables
 * FROM can use; a build arg overrides the ARG's default only when the ARG is declared.
 */
export function stagesOf(instructions: Instruction[], buildArgs: BuildArgs = {}): Stage[] {
  const globals = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const lookup = (name: string) =>
    globals.has(name) ? (buildArgs[name] ?? globals.get(name)) : undefined;

  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [base = '', as, alias] = expand(instruction.args, lookup).split(/\s+/);
      stages.push({
        base,
        alias: as?.toUpperCase() === 'AS' ? alias : undefined,
        instructions: [],
        line: instruction.line,
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') continue;
      for (const { key, value } of keyValuePairs(instruction.args)) globals.set(key, value);
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

/**
 * Finds the stage the build produces (the `target`, else the last) and follows `FROM <stage>`
 * back to the external image it starts from, since a stage inherits the configuration (USER,
 * EXPOSE, HEALTHCHECK) of the stage it is built on.
 */
export function finalImageOf(stages: Stage[], target?: string): FinalImage | undefined {
  const byAlias = (name: string, before: number) =>
    stages.slice(0, before).findLast((stage) => stage.alias?.toLowerCase() === name.toLowerCase());

  const finalIndex =
    target === undefined
      ? stages.length - 1
      : stages.findIndex((stage) => stage.alias?.toLowerCase() === target.toLowerCase());
  const final = stages[finalIndex];
  if (final === undefined) return undefined;

  const chain = [final];
  let current = final;
  for (;;) {
    const parent = byAlias(current.base, stages.indexOf(current));
    if (parent === undefined) break;
    chain.unshift(parent);
    current = parent;
  }
  return { stage: final, chain, baseImage: current.base };
}

/** True when the stage's base is an earlier stage rather than an image. */
export function isStageReference(stages: Stage[], stage: Stage): boolean {
  const index = stages.indexOf(stage);
  return stages
    .slice(0, index)
    .some((earlier) => earlier.alias?.toLowerCase() === stage.base.toLowerCase());
}
