// Bad on purpose: the auth container runs privileged.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.auth.privileged = true;
});
