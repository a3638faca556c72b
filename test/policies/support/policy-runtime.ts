import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

import type * as analyzerRpc from '@pulumi/pulumi/proto/analyzer_grpc_pb.js';
import type * as analyzerProto from '@pulumi/pulumi/proto/analyzer_pb.js';

// The generated client and messages, with the grpc-js and google-protobuf copies they use.
const require = createRequire(import.meta.url);
const protoDir = path.dirname(require.resolve('@pulumi/pulumi/proto/analyzer_pb.js'));
const fromProto = createRequire(path.join(protoDir, 'analyzer_pb.js'));
const rpc = fromProto('./analyzer_grpc_pb.js') as typeof analyzerRpc;
const proto = fromProto('./analyzer_pb.js') as typeof analyzerProto;
const grpc = fromProto('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
const { Struct } = fromProto('google-protobuf/google/protobuf/struct_pb.js') as {
  Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};
const { Empty } = fromProto('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: new () => unknown;
};

const RUN_POLICY_PACK = require.resolve('@pulumi/pulumi/cmd/run-policy-pack');
const PACK = path.resolve(import.meta.dirname, '../../../policies');

/** A diagnostic the pack returned over gRPC, as the CLI would print it. */
export interface WireDiagnostic {
  policyName: string;
  message: string;
  enforcementLevel: 'advisory' | 'mandatory' | 'disabled' | 'remediate';
  urn: string;
}

/** A resource for an Analyze or AnalyzeStack request. */
export interface WireResource {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
}

const LEVELS = ['advisory', 'mandatory', 'disabled', 'remediate'] as const;

function diagnosticsOf(response: analyzerProto.AnalyzeResponse): WireDiagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()] ?? 'advisory',
    urn: d.getUrn(),
  }));
}

function options(): analyzerProto.AnalyzerResourceOptions {
  return new proto.AnalyzerResourceOptions();
}

/**
 * The policy pack started the way the Pulumi CLI starts it: Node runs
 * `@pulumi/pulumi/cmd/run-policy-pack <engine> <pack dir>` in the pack's directory, the pack
 * prints the port of its Analyzer gRPC server, and the engine calls it.
 */
export class PolicyRuntime {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerRpc.AnalyzerClient,
    readonly stderr: () => string,
  ) {}

  /** Starts the pack and connects to it. */
  static async start(): Promise<PolicyRuntime> {
    const child = spawn(process.execPath, [RUN_POLICY_PACK, '127.0.0.1:0', '.'], {
      cwd: PACK,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const port = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = /^(\d+)\s*$/m.exec(stdout);
        if (line) resolve(Number(line[1]));
      });
      child.on('exit', (code) => reject(new Error(`pack exited with ${code}: ${stderr}`)));
    });
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new PolicyRuntime(child, client, () => stderr);
  }

  /** Policies as GetAnalyzerInfo lists them. */
  async info(): Promise<{ name: string; policies: { name: string; level: string }[] }> {
    const info = await new Promise<analyzerProto.AnalyzerInfo>((resolve, reject) =>
      this.client.getAnalyzerInfo(new Empty() as never, (error, response) =>
        error ? reject(error) : resolve(response),
      ),
    );
    return {
      name: info.getName(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        level: LEVELS[p.getEnforcementlevel()] ?? 'advisory',
      })),
    };
  }

  /** Sends policy config, as the engine does after reconciling it with the schemas. */
  async configure(config: Record<string, Record<string, unknown>>): Promise<void> {
    const request = new proto.ConfigureAnalyzerRequest();
    for (const [policy, properties] of Object.entries(config)) {
      const entry = new proto.PolicyConfig();
      entry.setEnforcementlevel(proto.EnforcementLevel.MANDATORY);
      entry.setProperties(Struct.fromJavaScript(properties) as never);
      request.getPolicyconfigMap().set(policy, entry);
    }
    await new Promise<void>((resolve, reject) =>
      this.client.configure(request, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Analyze: one resource's inputs, as during a preview or an update. */
  async analyze(resource: WireResource): Promise<WireDiagnostic[]> {
    const request = new proto.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(resource.urn);
    request.setProperties(Struct.fromJavaScript(resource.properties) as never);
    request.setOptions(options());
    const response = await new Promise<analyzerProto.AnalyzeResponse>((resolve, reject) =>
      this.client.analyze(request, (error, result) => (error ? reject(error) : resolve(result))),
    );
    return diagnosticsOf(response);
  }

  /** AnalyzeStack: every resource of the stack at the end of a preview or update. */
  async analyzeStack(resources: WireResource[]): Promise<WireDiagnostic[]> {
    const request = new proto.AnalyzeStackRequest();
    request.setResourcesList(
      resources.map((resource) => {
        const wire = new proto.AnalyzerResource();
        wire.setType(resource.type);
        wire.setName(resource.name);
        wire.setUrn(resource.urn);
        wire.setProperties(Struct.fromJavaScript(resource.properties) as never);
        wire.setOptions(options());
        return wire;
      }),
    );
    const response = await new Promise<analyzerProto.AnalyzeResponse>((resolve, reject) =>
      this.client.analyzeStack(request, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
    return diagnosticsOf(response);
  }

  /** Stops the pack process. */
  stop(): void {
    this.client.close();
    this.child.kill();
  }
}
