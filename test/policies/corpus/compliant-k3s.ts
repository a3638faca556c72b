// Baseline of the corpus: the k3s deployment the NetworkPolicy program spoils.
import { k3sApp } from './support/k3s-app.js';

k3sApp();
