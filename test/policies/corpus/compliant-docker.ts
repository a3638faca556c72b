// Baseline of the corpus: the Docker deployment every bad program spoils in one way.
import { dockerApp } from './support/docker-app.js';

dockerApp();
