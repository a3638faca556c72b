import { dockerfilePolicy } from '../lib/dockerfile/policy.js';
import { parseImageReference } from '../lib/images.js';

interface Config {
  programDirectory: string;
  allowedBaseRepositories: string[];
}

/**
 * Builds the service on a distroless Node runtime: no shell, no package manager, a numeric
 * nonroot user. The Debian 12 Node images stopped receiving updates in 2026.
 */
export const dockerImageDockerfileDistrolessBase = dockerfilePolicy<Config>({
  name: 'docker-image-dockerfile-distroless-base',
  description:
    "The built stage's base is an allowed distroless Node image " +
    '(gcr.io/distroless/nodejs22-debian13 or nodejs24-debian13) with a nonroot tag, never debug.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      allowedBaseRepositories: {
        type: 'array',
        items: { type: 'string' },
        description: 'Repositories the runtime stage may start from (a local mirror may be added).',
        default: ['gcr.io/distroless/nodejs22-debian13', 'gcr.io/distroless/nodejs24-debian13'],
      },
    },
  },
  validate: ({ final, file }, context, report) => {
    const allowed = context.config.allowedBaseRepositories;
    const { repository, tag } = parseImageReference(final.baseImage);
    if (!allowed.includes(repository)) {
      report(
        `${file} builds on ${final.baseImage}; the runtime stage must start from ` +
          `${allowed.join(' or ')}.`,
      );
      return;
    }
    if (tag === undefined || tag.includes('debug') || !tag.startsWith('nonroot')) {
      report(
        `${file} builds on ${final.baseImage}; use the nonroot tag (never debug, which ships a ` +
          'shell).',
      );
    }
  },
});
