// Bad on purpose: the service image is built on the debug distroless image, which has a shell.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.image.build = { context: 'test/policies/corpus/dockerfiles/debug', platform: 'linux/arm64' };
});
