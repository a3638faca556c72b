// Bad on purpose: MongoDB runs whatever `mongo:latest` is today.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.mongo.image = 'mongo:latest';
});
