import { rm } from 'node:fs/promises';

import { docker, engine } from '../../test/e2e/support/engine.js';
import { baseImages, buildServiceImage } from '../../test/e2e/support/images.js';
import { DockerScope } from '../../test/e2e/support/scope.js';
import { runService, secretFiles, startDatabases } from '../../test/e2e/support/service-run.js';
import { measured, notMeasured, round, type Figure } from '../report.js';

const MB = 1_000_000;
// The local tag of the amd64 runtime base (scripts/images/node-runtime.sh).
const RUNTIME_BASE = 'lucid/distroless-nodejs24-debian13:nonroot-amd64';
// Docker 20.10 has no --start-interval: the first check waits a whole interval, so the
// runs probe every 250 ms to measure the service rather than the probe period.
const PROBE_INTERVAL_NS = 250_000_000;

interface Inspected {
  Size: number;
  RootFS: { Layers: string[] };
}

/** The engine's storage driver, which sets what creating a container costs. */
const storageDriver = async () => (await engine<{ Driver: string }>('GET', '/info')).Driver;

const inspect = async (image: string) =>
  JSON.parse(await docker(['image', 'inspect', '-f', '{{json .}}', image])) as Inspected;

/**
 * Figures for the container image, on the local engine with the offline base images: the
 * amd64 runtime image's size above its base (goal: at most 30 MB), and seconds from
 * `docker run` to Docker reporting it healthy on amd64 (goal: 2 s), median of the runs.
 */
export async function containerFigures({ quick }: { quick: boolean }): Promise<Figure[]> {
  try {
    baseImages();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [notMeasured('container', 'Container image figures', reason)];
  }
  const image = await buildServiceImage('amd64');
  return [await sizeFigure(image), await startFigure(image, quick ? 1 : 5)];
}

async function sizeFigure(image: string): Promise<Figure> {
  const [ours, base] = await Promise.all([inspect(image), inspect(RUNTIME_BASE)]);
  if (!base.RootFS.Layers.every((layer, i) => ours.RootFS.Layers[i] === layer)) {
    throw new Error(`${image} is not built on ${RUNTIME_BASE}`);
  }
  return measured({
    name: 'container.image-overhead',
    title: 'Runtime image size above its distroless base (amd64)',
    unit: 'MB',
    value: round((ours.Size - base.Size) / MB),
    goal: { on: 'value', op: '<=', target: 30, text: 'at most 30 MB above the base image' },
    details: { imageMB: round(ours.Size / MB), baseMB: round(base.Size / MB), image },
  });
}

async function startFigure(image: string, runs: number): Promise<Figure> {
  const scope = new DockerScope();
  const bases = baseImages();
  const databases = await startDatabases(scope, 'lucid-bench', {
    mongo: bases.MONGO_IMAGE,
    redis: bases.REDIS_IMAGE,
  });
  const secrets = await secretFiles(databases);
  const seconds: number[] = [];
  const engineSeconds: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const started = Date.now();
      const { id } = await runService(scope, `lucid-bench-run-${run}`, image, databases, secrets, {
        Interval: PROBE_INTERVAL_NS,
      });
      const processStarted = await untilHealthy(id, 60_000);
      seconds.push((Date.now() - started) / 1000);
      engineSeconds.push((processStarted - started) / 1000);
      await engine('DELETE', `/containers/${id}?force=true`);
    }
  } finally {
    await scope.cleanup().catch(() => undefined);
    await rm(secrets, { recursive: true, force: true });
  }

  const sorted = [...seconds].sort((a, b) => a - b);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  return measured({
    name: 'container.start-to-healthy',
    title: 'Seconds from docker run to healthy (amd64, read-only root, secrets as files)',
    unit: 's',
    value: round(median(seconds), 2),
    goal: { on: 'value', op: '<=', target: 2, text: 'healthy within 2 s on amd64' },
    details: {
      runs,
      storageDriver: await storageDriver(),
      fastest: round(sorted[0]!, 2),
      slowest: round(sorted.at(-1)!, 2),
      probeIntervalMs: PROBE_INTERVAL_NS / 1e6,
      // From `docker run` to the engine starting the process (creating the container, which
      // the vfs storage driver does by copying the image and overlay2 by mounting its
      // layers), then from there to healthy.
      engineMedian: round(median(engineSeconds), 2),
      serviceMedian: round(median(seconds.map((total, i) => total - engineSeconds[i]!)), 2),
    },
  });
}

interface ContainerState {
  Status: string;
  StartedAt: string;
  Health?: { Status: string };
}

/** Waits for Docker to report the container healthy; answers when its process started. */
async function untilHealthy(id: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { State } = await engine<{ State: ContainerState }>('GET', `/containers/${id}/json`);
    if (State.Health?.Status === 'healthy') return Date.parse(State.StartedAt);
    if (State.Status === 'exited') throw new Error(`container ${id} exited before healthy`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`container ${id} was not healthy within ${timeoutMs} ms`);
}
