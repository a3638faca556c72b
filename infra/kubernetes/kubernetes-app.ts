import * as pulumi from '@pulumi/pulumi';

import type { AppModel, SecretValues } from '../model/app-model.js';
import { fileOutputs } from '../secrets/file-outputs.js';
import { AuthService } from './auth-service.js';
import { Database } from './database.js';
import { NamespaceBaseline } from './namespace-baseline.js';

/** Inputs of the Kubernetes deployment. */
export interface KubernetesAppArgs {
  readonly model: AppModel;
  readonly secrets: pulumi.Output<SecretValues>;
  /** The auth image by registry digest. */
  readonly authImage: pulumi.Output<string>;
  readonly registryPassword: pulumi.Output<string>;
}

/** The application on a k3s cluster: namespace baseline, MongoDB, Redis, auth service. */
export class KubernetesApp extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: KubernetesAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super('lucid:kubernetes:KubernetesApp', name, {}, opts);
    const { model } = args;
    const files = fileOutputs(model, args.secrets);

    const baseline = new NamespaceBaseline(
      `${name}-baseline`,
      { model, registryPassword: args.registryPassword },
      { parent: this },
    );
    const inNamespace = { parent: this, dependsOn: [baseline] };

    const databases = (['mongodb', 'redis'] as const).map(
      (role) =>
        new Database(
          `${name}-${role}`,
          { model, service: model.services[role], client: model.services.auth, files: files[role] },
          inNamespace,
        ),
    );

    new AuthService(
      `${name}-auth`,
      {
        model,
        image: args.authImage,
        files: files.auth,
        pullSecretName: baseline.pullSecretName,
        dependsOn: databases,
      },
      inNamespace,
    );

    this.namespace = baseline.namespace.metadata.name;
    this.url = pulumi.output(`https://${model.kubernetes.ingressHost}`);
    this.registerOutputs({ namespace: this.namespace, url: this.url });
  }
}
