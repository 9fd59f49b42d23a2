import { adjustBody, compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';

export const DEEPSEEK_BASE_URL = 'https://api.deepseek.com/v1';

export interface DeepSeekAdapterOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  connections?: number;
}

// deepseek-reasoner answers 400 to logprobs/top_logprobs (sampling knobs are accepted and ignored).
const REASONER_REFUSES = ['logprobs', 'top_logprobs'];

/** DeepSeek: OpenAI's API without `seed`/`user`; streams report usage when asked (stream_options). */
export function deepSeekProfile(options: DeepSeekAdapterOptions): OpenAiCompatibleProfile {
  const base = compatibleProfile({
    id: 'deepseek',
    baseUrl: options.baseUrl ?? DEEPSEEK_BASE_URL,
    apiKey: options.apiKey,
    connections: options.connections,
    renamedParams: { max_completion_tokens: 'max_tokens' },
    unsupportedParams: ['seed', 'user', 'metadata', 'logit_bias', 'store', 'service_tier'],
  });
  return {
    ...base,
    chatBody: (body, model, stream) => {
      const adjusted = base.chatBody(body, model, stream);
      return model.upstreamModel === 'deepseek-reasoner' ? adjustBody(adjusted, REASONER_REFUSES, {}) : adjusted;
    },
  };
}

export class DeepSeekAdapter extends OpenAiCompatibleAdapter {
  constructor(options: DeepSeekAdapterOptions) {
    super(deepSeekProfile(options));
  }
}
