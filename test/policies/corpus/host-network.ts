// Bad on purpose: the auth container shares the host's network namespace.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.auth.networkMode = 'host';
});
