// Bad on purpose: the auth container has no memory or CPU limit.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  delete app.auth.memory;
  delete app.auth.memorySwap;
  delete app.auth.cpus;
});
