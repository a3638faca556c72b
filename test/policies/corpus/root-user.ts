// Bad on purpose: the auth container runs as root.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.auth.user = '0';
});
