import { compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';

export const OLLAMA_BASE_URL = 'http://127.0.0.1:11434';

export interface OllamaAdapterOptions {
  /** The Ollama server; its OpenAI-compatible API is under '/v1' (added when the URL has no path). */
  baseUrl?: string | undefined;
  connections?: number;
}

/** Ollama's OpenAI-compatible API: local, no key, chat and `/v1/embeddings`. */
export function ollamaProfile(options: OllamaAdapterOptions = {}): OpenAiCompatibleProfile {
  return compatibleProfile({
    id: 'ollama',
    baseUrl: options.baseUrl ?? OLLAMA_BASE_URL,
    connections: options.connections,
    embeddings: true,
    unsupportedEmbeddingParams: ['user'],
  });
}

export class OllamaAdapter extends OpenAiCompatibleAdapter {
  constructor(options: OllamaAdapterOptions = {}) {
    super(ollamaProfile(options));
  }
}
