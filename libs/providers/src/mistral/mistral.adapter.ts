import { compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';

export const MISTRAL_BASE_URL = 'https://api.mistral.ai/v1';

export interface MistralAdapterOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  connections?: number;
}

/**
 * Mistral refuses fields it does not know (422), spells the seed `random_seed`, and sends stream
 * usage unasked on the finish chunk, so `stream_options` is dropped.
 */
export function mistralProfile(options: MistralAdapterOptions): OpenAiCompatibleProfile {
  return compatibleProfile({
    id: 'mistral',
    baseUrl: options.baseUrl ?? MISTRAL_BASE_URL,
    apiKey: options.apiKey,
    connections: options.connections,
    renamedParams: { seed: 'random_seed', max_completion_tokens: 'max_tokens' },
    unsupportedParams: [
      'stream_options',
      'user',
      'metadata',
      'logit_bias',
      'logprobs',
      'top_logprobs',
      'store',
      'service_tier',
    ],
    embeddings: true,
    unsupportedEmbeddingParams: ['user', 'dimensions'],
  });
}

export class MistralAdapter extends OpenAiCompatibleAdapter {
  constructor(options: MistralAdapterOptions) {
    super(mistralProfile(options));
  }
}
