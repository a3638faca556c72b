import { containerPolicy } from '../lib/docker.js';

const DEFAULT_NETWORKS = new Set(['bridge', 'default']);

/** Keeps containers off docker0, where every container can reach every other (CIS Docker 5.30). */
export const dockerContainerUserDefinedNetwork = containerPolicy({
  name: 'docker-container-user-defined-network',
  description:
    'Docker containers join user-defined networks (networksAdvanced), not the default ' +
    "bridge; networkMode 'none' is also fine (CIS Docker 5.30).",
  enforcementLevel: 'mandatory',
  severity: 'medium',
  validate: (container, _context, report) => {
    const mode = container.networkMode;
    if (mode === 'none' || mode === 'host') return;
    if ((container.networksAdvanced ?? []).length > 0) return;
    if (mode !== undefined && !DEFAULT_NETWORKS.has(mode)) return;
    report('the container joins only the default bridge; attach it through networksAdvanced.');
  },
});
