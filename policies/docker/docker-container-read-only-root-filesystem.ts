import { containerPolicy, tmpfsOf } from '../lib/docker.js';

interface Config {
  writablePaths: string[];
}

/** Makes the image read-only and gives the process a tmpfs to write to (CIS Docker 5.13). */
export const dockerContainerReadOnlyRootFilesystem = containerPolicy<Config>({
  name: 'docker-container-read-only-root-filesystem',
  description:
    'Docker containers run with a read-only root filesystem and a tmpfs at each path they ' +
    'must write to (/tmp by default) (CIS Docker 5.13).',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      writablePaths: {
        type: 'array',
        items: { type: 'string' },
        description: 'Paths that need a tmpfs on a read-only root.',
        default: ['/tmp'],
      },
    },
  },
  validate: (container, context, report) => {
    if (container.readOnly !== true) {
      report('readOnly is not true; run the container with a read-only root filesystem.');
    }
    const targets = tmpfsOf(container).map((tmpfs) => tmpfs.target);
    for (const path of context.config.writablePaths) {
      if (!targets.includes(path)) report(`no tmpfs is mounted at ${path}; mount one there.`);
    }
  },
});
