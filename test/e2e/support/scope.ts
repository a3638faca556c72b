import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { engine, EngineError } from './engine.js';

const run = promisify(execFile);

/** Label on everything the e2e suite creates, so leftovers of a crashed run are known ours. */
export const E2E_LABEL = 'lucid.e2e';

interface ContainerState {
  Id: string;
  Name: string;
  Config: { Labels: Record<string, string> | null };
  State: {
    Status: string;
    ExitCode: number;
    Health?: { Status: string; Log: { ExitCode: number; Output: string }[] };
  };
}

/**
 * The containers, networks and volumes one test file creates, removed together by
 * `cleanup()`. A name held by something this suite did not create fails the test with the
 * way out: the suite never removes what is not its own.
 */
export class DockerScope {
  private readonly containers: string[] = [];
  private readonly networks: string[] = [];
  private readonly volumes: string[] = [];

  /** Removes leftovers of an earlier run under these names, refusing anything else. */
  async claim(kind: 'containers' | 'networks' | 'volumes', names: readonly string[]) {
    for (const name of names) {
      const found = await inspect(kind, name);
      if (!found) continue;
      if (found.labels[E2E_LABEL] === undefined) {
        throw new Error(
          `A Docker ${kind.slice(0, -1)} named ${name} exists and was not made by the e2e ` +
            'suite (a dev stack?); remove it or run the suite on another engine',
        );
      }
      await removeResource(kind, name);
    }
  }

  async createNetwork(name: string, internal = false): Promise<void> {
    await this.claim('networks', [name]);
    await engine('POST', '/networks/create', {
      Name: name,
      Internal: internal,
      CheckDuplicate: true,
      Labels: { [E2E_LABEL]: 'true' },
    });
    this.networks.push(name);
  }

  async createVolume(name: string): Promise<void> {
    await this.claim('volumes', [name]);
    await engine('POST', '/volumes/create', { Name: name, Labels: { [E2E_LABEL]: 'true' } });
    this.volumes.push(name);
  }

  /** Creates a container from an Engine API body; the suite's label is added. */
  async createContainer(name: string, body: Record<string, unknown>): Promise<string> {
    await this.claim('containers', [name]);
    const labels = { ...(body.Labels as Record<string, string> | undefined), [E2E_LABEL]: 'true' };
    const { Id } = await engine<{ Id: string }>(
      'POST',
      `/containers/create?name=${encodeURIComponent(name)}`,
      { ...body, Labels: labels },
    );
    this.containers.push(Id);
    return Id;
  }

  /** Removes everything created here, containers first; runs every step even if one fails. */
  async cleanup(): Promise<void> {
    const steps = [
      ...this.containers.reverse().map((id) => () => removeResource('containers', id)),
      ...this.networks.reverse().map((name) => () => removeResource('networks', name)),
      ...this.volumes.reverse().map((name) => () => removeResource('volumes', name)),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    if (failures.length) throw new AggregateError(failures, 'e2e cleanup left resources');
  }
}

async function inspect(kind: 'containers' | 'networks' | 'volumes', name: string) {
  try {
    const found = await engine<{
      Labels?: Record<string, string>;
      Config?: ContainerState['Config'];
    }>('GET', `/${kind}/${encodeURIComponent(name)}${kind === 'containers' ? '/json' : ''}`);
    return { labels: (kind === 'containers' ? found.Config?.Labels : found.Labels) ?? {} };
  } catch (error) {
    if (error instanceof EngineError && error.statusCode === 404) return undefined;
    throw error;
  }
}

async function removeResource(kind: 'containers' | 'networks' | 'volumes', name: string) {
  const query = kind === 'containers' ? '?force=true&v=true' : '';
  try {
    await engine('DELETE', `/${kind}/${encodeURIComponent(name)}${query}`);
  } catch (error) {
    if (!(error instanceof EngineError && error.statusCode === 404)) throw error;
  }
}

/** The container's state as the engine reports it. */
export function containerState(id: string): Promise<ContainerState> {
  return engine<ContainerState>('GET', `/containers/${id}/json`);
}

/** The last lines the container wrote (stdout and stderr), for failure messages. */
export async function containerLogs(id: string, lines = 40): Promise<string> {
  const { stdout, stderr } = await run('docker', ['logs', '--tail', String(lines), id]);
  return `${stdout}${stderr}`.trim();
}

/**
 * Waits until Docker reports the container healthy and returns the milliseconds it took;
 * fails with the health log and the container's output when it exits or turns unhealthy.
 */
export async function waitHealthy(id: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { State } = await containerState(id);
    const health = State.Health?.Status;
    if (health === 'healthy') return Date.now() - started;

    const over = Date.now() - started > timeoutMs;
    if (State.Status === 'exited' || health === 'unhealthy' || over) {
      const probes = (State.Health?.Log ?? []).map((p) => `${p.ExitCode}: ${p.Output.trim()}`);
      throw new Error(
        `container ${id.slice(0, 12)} is ${State.Status}/${health ?? 'no health check'} ` +
          `after ${Date.now() - started} ms\nhealth checks:\n${probes.join('\n')}\n` +
          `output:\n${await containerLogs(id)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs a command inside a running container (docker exec) and returns its stdout. */
export async function execIn(id: string, command: readonly string[]): Promise<string> {
  const { stdout } = await run('docker', ['exec', id, ...command], { timeout: 60_000 });
  return stdout.trim();
}
