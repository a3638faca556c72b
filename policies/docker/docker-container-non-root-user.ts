import { containerCandidate, containerPolicy } from '../lib/docker.js';
import { matches, matcherListSchema, type Matcher } from '../lib/matchers.js';

interface UidException extends Matcher {
  uid: number;
}

interface Config {
  minimumUid: number;
  exceptions: UidException[];
}

const NUMERIC_USER = /^(\d+)(?::(\d+))?$/;

/** Runs containers as a numeric, unprivileged uid (CIS Docker 4.1, kube-score > 10000). */
export const dockerContainerNonRootUser = containerPolicy<Config>({
  name: 'docker-container-non-root-user',
  description:
    'Docker containers run as a numeric uid of at least 10000 (configurable exceptions, such ' +
    'as 999 for the official MongoDB and Redis images), never as root.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  configSchema: {
    properties: {
      minimumUid: { type: 'integer', description: 'Lowest uid allowed.', default: 10000 },
      exceptions: {
        ...matcherListSchema('Containers allowed one specific lower uid.', []),
        items: {
          type: 'object',
          properties: {
            image: { type: 'string' },
            name: { type: 'string' },
            uid: { type: 'integer' },
          },
          required: ['uid'],
        },
        default: [
          {
            image: '(^|/)(mongo|redis)([:@]|$)',
            name: '(^|-)(mongo|mongodb|redis)(-|$)',
            uid: 999,
          },
        ],
      },
    },
  },
  validate: (container, context, report) => {
    const { minimumUid, exceptions } = context.config;
    const user = container.user;
    if (user === undefined || user === '') {
      report(
        `user is unset, so the image decides; set user to a numeric uid:gid >= ${minimumUid}.`,
      );
      return;
    }

    const numeric = NUMERIC_USER.exec(user);
    if (numeric === null) {
      report(`user '${user}' is not numeric; set user to a numeric uid:gid >= ${minimumUid}.`);
      return;
    }

    const uid = Number(numeric[1]);
    if (uid === 0) {
      report(`user '${user}' is root; set user to a numeric uid:gid >= ${minimumUid}.`);
      return;
    }
    if (uid >= minimumUid) return;

    const candidate = containerCandidate(container, context);
    if (exceptions.some((exception) => exception.uid === uid && matches(exception, candidate))) {
      return;
    }
    report(
      `user '${user}' has uid ${uid} below ${minimumUid} and no configured exception allows it; ` +
        `set user to a numeric uid:gid >= ${minimumUid}.`,
    );
  },
});
