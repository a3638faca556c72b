import type { EngineResource, Finding } from './analyze.js';

const MARK: Record<string, string> = {
  mandatory: 'MANDATORY',
  advisory: 'advisory ',
  unknown: 'not run  ',
  error: 'ERROR    ',
};

function markOf(finding: Finding): string {
  if (finding.kind === 'violation')
    return MARK[finding.enforcementLevel] ?? finding.enforcementLevel;
  return MARK[finding.kind] ?? finding.kind;
}

function indent(text: string): string {
  return text.split('\n').join('\n      ');
}

/**
 * Formats findings grouped by resource (stack findings that name no resource last), then a
 * summary that says how many checks could not run because a value was unknown.
 */
export function formatReport(
  resources: EngineResource[],
  findings: Finding[],
  unknownAtPreview: Finding[] = [],
): string {
  const lines: string[] = [];
  const byUrn = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = finding.urn ?? '';
    byUrn.set(key, [...(byUrn.get(key) ?? []), finding]);
  }

  for (const [urn, group] of byUrn) {
    const resource = resources.find((r) => r.urn === urn);
    lines.push(resource === undefined ? 'stack' : `${resource.type} ${resource.name}`);
    for (const finding of group) {
      lines.push(`  ${markOf(finding)} ${finding.policyName}: ${indent(finding.message)}`);
    }
    lines.push('');
  }

  if (unknownAtPreview.length > 0) {
    lines.push(
      'Checks `pulumi preview` cannot run, because they read a value known only at apply ' +
        '(the gate ran them above on the values the mocks compute):',
    );
    for (const finding of unknownAtPreview) {
      const resource = resources.find((r) => r.urn === finding.urn);
      const detail = finding.message.replace(/^can't run policy .* during preview: /, '');
      lines.push(`  ${resource?.name ?? 'stack'}: ${finding.policyName} (${detail})`);
    }
    lines.push('');
  }

  const count = (test: (finding: Finding) => boolean) => findings.filter(test).length;
  const mandatory = count((f) => f.kind === 'violation' && f.enforcementLevel === 'mandatory');
  const advisory = count((f) => f.kind === 'violation' && f.enforcementLevel === 'advisory');
  const unknown = count((f) => f.kind === 'unknown') + unknownAtPreview.length;
  const errors = count((f) => f.kind === 'error');
  lines.push(
    `${resources.length} resources checked: ${mandatory} mandatory violations, ${advisory} ` +
      `advisory, ${unknown} checks cannot run during preview` +
      (errors > 0 ? `, ${errors} policies failed` : '') +
      '.',
  );
  return lines.join('\n');
}
