// Bad on purpose: MongoDB publishes its port on the host.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.mongo.ports = [{ internal: 27017, external: 27017, ip: '127.0.0.1' }];
});
