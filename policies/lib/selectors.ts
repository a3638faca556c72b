import type { LabelSelector } from './types.js';

/**
 * True when the selector selects pods carrying these labels (Kubernetes label selector
 * semantics: every matchLabels entry and every matchExpressions requirement must hold; an
 * empty selector selects everything).
 */
export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    const value = labels[key];
    const holds =
      operator === 'In'
        ? has && values.includes(value ?? '')
        : operator === 'NotIn'
          ? !has || !values.includes(value ?? '')
          : operator === 'Exists'
            ? has
            : operator === 'DoesNotExist'
              ? !has
              : false;
    if (!holds) return false;
  }
  return true;
}

/** True when the selector has no requirement at all, and so selects every pod. */
export function selectsEverything(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}
