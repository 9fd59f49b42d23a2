import { compatibleProfile } from './compatible-vendor';
import { OpenAiCompatibleAdapter } from './openai-compatible.adapter';

export interface GenericOpenAiCompatibleOptions {
  /** Adapter id matching `ModelEntry.provider`, e.g. 'vllm'. */
  id?: string;
  /** e.g. 'http://127.0.0.1:8000/v1' for vLLM. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** vLLM serves `/v1/embeddings` for embedding models. */
  embeddings?: boolean;
  connections?: number;
}

/** Any server that speaks OpenAI's API (vLLM, LM Studio, llama.cpp): the base with an id. */
export function createOpenAiCompatibleAdapter(options: GenericOpenAiCompatibleOptions): OpenAiCompatibleAdapter {
  return new OpenAiCompatibleAdapter(
    compatibleProfile({
      id: options.id ?? 'openai-compatible',
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      embeddings: options.embeddings ?? true,
      connections: options.connections,
    }),
  );
}
