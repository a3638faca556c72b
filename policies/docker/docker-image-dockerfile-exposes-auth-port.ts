import { dockerfilePolicy } from '../lib/dockerfile/policy.js';

interface Config {
  programDirectory: string;
  ports: number[];
}

/** Documents the service port in the image and nothing else. */
export const dockerImageDockerfileExposesAuthPort = dockerfilePolicy<Config>({
  name: 'docker-image-dockerfile-exposes-auth-port',
  description: 'The built stage EXPOSEs the auth port 8089 and no other port.',
  enforcementLevel: 'mandatory',
  severity: 'low',
  configSchema: {
    properties: {
      ports: {
        type: 'array',
        items: { type: 'integer' },
        description: 'Ports the image exposes.',
        default: [8089],
      },
    },
  },
  validate: ({ final, file }, context, report) => {
    const wanted = context.config.ports;
    const exposed = final.chain
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'EXPOSE')
      .flatMap((instruction) => instruction.args.split(/\s+/))
      .map((entry) => entry.replace(/\/(tcp|udp)$/i, ''));
    for (const port of wanted) {
      if (!exposed.includes(String(port))) report(`${file} does not EXPOSE ${port}; add it.`);
    }
    for (const entry of exposed) {
      if (!wanted.map(String).includes(entry)) {
        report(`${file} EXPOSEs ${entry}; expose only ${wanted.join(', ')}.`);
      }
    }
  },
});
