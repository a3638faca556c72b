// Bad on purpose: the k3s deployment declares no NetworkPolicy at all.
import { k3sApp } from './support/k3s-app.js';

k3sApp(
  (name) => !['default-deny', 'allow-dns', 'mongodb-from-auth', 'redis-from-auth'].includes(name),
);
