import { dockerfilePolicy } from '../lib/dockerfile/policy.js';

interface Config {
  programDirectory: string;
  minimumUid: number;
}

/**
 * Declares the runtime user numerically: the kubelet can only verify runAsNonRoot against a
 * numeric image user (kubernetes#56503), and hadolint DL3002 wants the last USER non-root.
 */
export const dockerImageDockerfileNumericNonRootUser = dockerfilePolicy<Config>({
  name: 'docker-image-dockerfile-numeric-non-root-user',
  description:
    'The built stage ends with a numeric USER uid[:gid] of at least 10000 with a non-zero gid.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      minimumUid: { type: 'integer', description: 'Lowest uid allowed.', default: 10000 },
    },
  },
  validate: ({ final, file }, context, report) => {
    const minimum = context.config.minimumUid;
    const users = final.chain.flatMap((stage) =>
      stage.instructions.filter((instruction) => instruction.keyword === 'USER'),
    );
    const last = users.at(-1);
    if (last === undefined) {
      report(
        `${file} sets no USER in the built stage; add USER ${minimum < 65532 ? 65532 : minimum}.`,
      );
      return;
    }
    const numeric = /^(\d+)(?::(\d+))?$/.exec(last.args);
    if (numeric === null) {
      report(`${file}:${last.line} USER ${last.args} is not numeric; use USER <uid>:<gid>.`);
    } else if (Number(numeric[1]) < minimum || numeric[2] === '0') {
      report(
        `${file}:${last.line} USER ${last.args} is below uid ${minimum} or in group 0; use ` +
          `a uid >= ${minimum} and a non-zero gid.`,
      );
    }
  },
});
