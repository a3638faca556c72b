// Bad on purpose: a shell health check with curl, which distroless cannot run.
import { dockerApp } from './support/docker-app.js';

dockerApp((app) => {
  app.auth.healthcheck = {
    tests: ['CMD-SHELL', 'curl -fsS http://127.0.0.1:8089/health || exit 1'],
    interval: '5s',
    timeout: '3s',
    retries: 3,
  };
});
