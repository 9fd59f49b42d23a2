import type { ModelEntry } from '@llmgw/providers';

/** `provider/model`: how circuits and live metrics name a model. */
export function modelKeyOf(model: Pick<ModelEntry, 'provider' | 'id'>): string {
  return `${model.provider}/${model.id}`;
}
