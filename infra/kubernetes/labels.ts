import type { AppModel, ServiceModel } from '../model/app-model.js';

/** Labels that select one service's pods; stable for the life of the workload. */
export function selectorLabels(service: ServiceModel): Record<string, string> {
  return { 'app.kubernetes.io/name': service.name };
}

/** Labels on every object of one service. */
export function objectLabels(model: AppModel, service: ServiceModel): Record<string, string> {
  return {
    ...model.labels,
    ...selectorLabels(service),
    'app.kubernetes.io/component': service.role,
    'app.kubernetes.io/instance': model.stack,
  };
}

/** Object metadata in the stack's namespace. */
export function metadata(
  model: AppModel,
  service: ServiceModel,
  name: string = service.name,
): { name: string; namespace: string; labels: Record<string, string> } {
  return { name, namespace: model.kubernetes.namespace, labels: objectLabels(model, service) };
}
