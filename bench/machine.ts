import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, platform, release, totalmem } from 'node:os';

import { round, type Machine } from './report.js';

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Describes this machine; call `finish` at the end to record the closing load average. */
export function describeMachine(): Machine {
  return {
    cpuModel: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverageStart: round(loadavg()[0]!, 2),
    loadAverageEnd: round(loadavg()[0]!, 2),
  };
}

/** Records the 1-minute load average at the end of the run. */
export function finish(machine: Machine): void {
  machine.loadAverageEnd = round(loadavg()[0]!, 2);
}
