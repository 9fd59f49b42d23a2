import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import { type OpenAiApiOptions, openAiProfile } from './openai.api';

export interface OpenAiAdapterOptions extends OpenAiApiOptions {
  /** Adapter id; OpenAI-compatible vendors reuse this adapter under their own id. */
  id?: string;
  /** Upper bound of pooled keep-alive connections to the upstream. */
  connections?: number;
}

/** OpenAI chat, streaming and embeddings (`POST /v1/embeddings`) over one keep-alive undici pool. */
export class OpenAiAdapter extends OpenAiCompatibleAdapter {
  constructor(options: OpenAiAdapterOptions) {
    super(openAiProfile(options));
  }
}
