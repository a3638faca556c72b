import type { RecordedResource } from '../../../infra/testing/run-under-mocks.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: object) => Validatable;

/**
 * Validates a recorded Kubernetes object against the OpenAPI schema kubernetes-models
 * ships for its apiVersion and kind; throws the schema error when it does not conform.
 */
export async function validateKubernetesObject(resource: RecordedResource): Promise<void> {
  const { apiVersion, kind } = resource.inputs as { apiVersion?: string; kind?: string };
  if (!apiVersion || !kind) throw new Error(`${resource.name} has no apiVersion or kind`);

  const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<
    string,
    ModelClass | undefined
  >;
  const Model = module[kind];
  if (!Model) throw new Error(`kubernetes-models has no ${apiVersion} ${kind}`);

  new Model(resource.inputs).validate();
}
