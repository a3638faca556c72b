import type { BenchReport, Figure } from './report.js';

function number(value: number | undefined, unit = ''): string {
  if (value === undefined) return '';
  const text = value >= 100 ? Math.round(value).toLocaleString('en-US') : String(value);
  return unit ? `${text} ${unit}` : text;
}

function verdict(figure: Figure): string {
  if (figure.status === 'failed') return 'FAILED';
  if (figure.status === 'not-measured') return 'not measured';
  if (figure.met === undefined) return 'info';
  return figure.met ? 'met' : 'MISSED';
}

function row(figure: Figure): string[] {
  const ratio = figure.ratio === undefined ? '' : `${figure.ratio}×`;
  return [
    figure.name,
    figure.status === 'measured' ? number(figure.value, figure.unit) : (figure.reason ?? ''),
    figure.baseline
      ? `${number(figure.baseline.value, figure.unit)} (${figure.baseline.name})`
      : '',
    ratio,
    figure.goal?.text ?? '',
    verdict(figure),
  ];
}

const HEADER = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'verdict'];

/** The report as a Markdown document (bench/results/latest.md). */
export function toMarkdown(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `# Benchmark results (${report.mode})`,
    '',
    `Measured ${report.startedAt} in ${report.seconds} s with \`${report.command}\` on ` +
      `${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `load average ${machine.loadAverageStart} at start, ${machine.loadAverageEnd} at end ` +
      '(above the core count means other work shared the machine).',
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...report.figures.map((figure) => `| ${row(figure).join(' | ').replaceAll('\n', ' ')} |`),
    '',
    ...report.figures.flatMap((figure) =>
      figure.details
        ? [
            `- \`${figure.name}\`: ` +
              Object.entries(figure.details)
                .map(([key, value]) => `${key} ${String(value)}`)
                .join(', '),
          ]
        : [],
    ),
  ];
  if (report.mode === 'quick') {
    lines.push('', 'Quick mode: tiny sizes that prove the bench runs; the figures mean nothing.');
  }
  return `${lines.join('\n')}\n`;
}

/** A plain-text table for the terminal. */
export function toSummary(report: BenchReport): string {
  const rows = [HEADER, ...report.figures.map(row)];
  const widths = HEADER.map((_, column) =>
    Math.min(48, Math.max(...rows.map((cells) => cells[column]!.length))),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => cell.slice(0, widths[column]).padEnd(widths[column]!)).join('  ');
  return [format(HEADER), ...report.figures.map((figure) => format(row(figure)))].join('\n');
}
