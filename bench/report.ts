/** How a figure is judged: its ratio to the baseline, or its own value, against a target. */
export interface Goal {
  on: 'ratio' | 'value';
  op: '>=' | '<=' | '<';
  target: number;
  /** The goal in words, as the issue states it. */
  text: string;
}

/** One line item of the report. */
export interface Figure {
  /** Stable identifier, dotted: `<item>.<comparison>`. */
  name: string;
  title: string;
  status: 'measured' | 'not-measured' | 'failed';
  unit?: string;
  /** Our side. */
  value?: number;
  /** The other side of the comparison, when there is one. */
  baseline?: { name: string; value: number };
  /** value / baseline.value, when there is a baseline. */
  ratio?: number;
  goal?: Goal;
  /** Whether the goal was reached; absent when not measured or without a goal. */
  met?: boolean;
  /** Why the figure is missing or failed. */
  reason?: string;
  /** Supporting numbers: latencies, request counts, settings the figure depends on. */
  details?: Record<string, number | string | boolean>;
}

/** The machine a report was measured on. */
export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: high means other work shared the cores. */
  loadAverageStart: number;
  loadAverageEnd: number;
}

/** What `npm run bench` writes to bench/results/latest.json. */
export interface BenchReport {
  schemaVersion: 1;
  mode: 'full' | 'quick';
  startedAt: string;
  seconds: number;
  command: string;
  machine: Machine;
  figures: Figure[];
}

/** A measured figure, with its ratio and verdict computed from the goal. */
export function measured(
  fields: Omit<Figure, 'status' | 'ratio' | 'met'> & { value: number },
): Figure {
  const ratio = fields.baseline ? fields.value / fields.baseline.value : undefined;
  const figure: Figure = { ...fields, status: 'measured' };
  if (ratio !== undefined) figure.ratio = round(ratio, 3);
  if (fields.goal)
    figure.met = meets(fields.goal, fields.goal.on === 'ratio' ? ratio : fields.value);
  return figure;
}

/** A figure that could not be taken here, with the reason. */
export function notMeasured(name: string, title: string, reason: string, goal?: Goal): Figure {
  return { name, title, status: 'not-measured', reason, ...(goal ? { goal } : {}) };
}

function meets(goal: Goal, actual: number | undefined): boolean {
  if (actual === undefined || !Number.isFinite(actual)) return false;
  if (goal.op === '>=') return actual >= goal.target;
  if (goal.op === '<=') return actual <= goal.target;
  return actual < goal.target;
}

/** Rounds to `digits` decimals, keeping the JSON readable. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
