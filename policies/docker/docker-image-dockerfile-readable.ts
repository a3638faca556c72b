import { resourcePolicy } from '../lib/define.js';
import { loadDockerfile } from '../lib/dockerfile/policy.js';
import { buildSourceOf } from '../lib/dockerfile/source.js';
import { programDirectory, programDirectorySchema } from '../lib/paths.js';
import { TYPE } from '../lib/type-tokens.js';

interface Config {
  programDirectory: string;
}

/** Makes the Dockerfile checks fail closed: a build they cannot read is a violation. */
export const dockerImageDockerfileReadable = resourcePolicy<unknown, Config>({
  name: 'docker-image-dockerfile-readable',
  description:
    'The Dockerfile an image build points to exists and has a FROM for the stage it builds, ' +
    'so the Dockerfile policies can check it.',
  enforcementLevel: 'mandatory',
  severity: 'high',
  types: [TYPE.dockerImage, TYPE.dockerRemoteImage],
  configSchema: { properties: { programDirectory: programDirectorySchema } },
  validate: (props, context, report) => {
    const directory = programDirectory(context.config.programDirectory);
    const source = buildSourceOf(context.args.type, props, directory);
    if (source === undefined) return;
    if (loadDockerfile(context.args.type, props, context.config.programDirectory) === undefined) {
      const stage = source.target === undefined ? '' : ` for stage ${source.target}`;
      report(
        `cannot read a Dockerfile with a FROM${stage} at ${source.dockerfile}; point the build ` +
          "at the project's Dockerfile.",
      );
    }
  },
});
