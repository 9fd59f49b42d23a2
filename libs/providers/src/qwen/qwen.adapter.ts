import { createOpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.generic';
import type { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';

export interface QwenAdapterOptions {
  apiKey: string;
  baseUrl: string;
}

/** Qwen (DashScope compatible mode) is OpenAI's wire format under the id 'qwen'. */
export function createQwenAdapter(options: QwenAdapterOptions): OpenAiCompatibleAdapter {
  return createOpenAiCompatibleAdapter({ id: 'qwen', baseUrl: options.baseUrl, apiKey: options.apiKey, embeddings: false });
}
