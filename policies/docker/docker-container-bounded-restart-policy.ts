import { containerPolicy } from '../lib/docker.js';

interface Config {
  maximumRetries: number;
}

/** Restarts failed containers, but never loops forever on a broken one (CIS Docker 5.15). */
export const dockerContainerBoundedRestartPolicy = containerPolicy<Config>({
  name: 'docker-container-bounded-restart-policy',
  description:
    "Docker containers restart 'unless-stopped' or 'on-failure' with 1 to maximumRetries " +
    "retries; never 'always', never without a policy (CIS Docker 5.15).",
  enforcementLevel: 'mandatory',
  severity: 'low',
  configSchema: {
    properties: {
      maximumRetries: { type: 'integer', description: 'Largest maxRetryCount.', default: 5 },
    },
  },
  validate: (container, context, report) => {
    const { maximumRetries } = context.config;
    const restart = container.restart;
    if (restart === 'unless-stopped') return;
    if (restart !== 'on-failure') {
      report(
        `restart is ${restart === undefined ? 'unset' : `'${restart}'`}; use 'unless-stopped' ` +
          `or 'on-failure' with maxRetryCount between 1 and ${maximumRetries}.`,
      );
      return;
    }
    const retries = container.maxRetryCount ?? 0;
    if (retries < 1 || retries > maximumRetries) {
      report(`maxRetryCount is ${retries}; set it between 1 and ${maximumRetries}.`);
    }
  },
});
