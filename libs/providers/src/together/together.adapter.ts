import { compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';

export const TOGETHER_BASE_URL = 'https://api.together.xyz/v1';

export interface TogetherAdapterOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  connections?: number;
}

/** Together: usage comes unasked on the last stream chunk; embeddings take plain model + input. */
export function togetherProfile(options: TogetherAdapterOptions): OpenAiCompatibleProfile {
  return compatibleProfile({
    id: 'together',
    baseUrl: options.baseUrl ?? TOGETHER_BASE_URL,
    apiKey: options.apiKey,
    connections: options.connections,
    renamedParams: { max_completion_tokens: 'max_tokens' },
    unsupportedParams: ['stream_options', 'metadata', 'store', 'service_tier'],
    embeddings: true,
    unsupportedEmbeddingParams: ['user', 'dimensions', 'encoding_format'],
  });
}

export class TogetherAdapter extends OpenAiCompatibleAdapter {
  constructor(options: TogetherAdapterOptions) {
    super(togetherProfile(options));
  }
}
