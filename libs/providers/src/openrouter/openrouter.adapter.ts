import { compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';

export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';

export interface OpenRouterAdapterOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  /** Sent as `HTTP-Referer`: how OpenRouter attributes the app. */
  referer?: string | undefined;
  /** Sent as `X-Title`. */
  title?: string | undefined;
  connections?: number;
}

/**
 * OpenRouter: app attribution headers, and usage asked for with its own `usage: {include: true}`
 * (it arrives as a last `choices: []` chunk); errors carry numeric codes, 402 means no credits.
 */
export function openRouterProfile(options: OpenRouterAdapterOptions): OpenAiCompatibleProfile {
  const base = compatibleProfile({
    id: 'openrouter',
    baseUrl: options.baseUrl ?? OPENROUTER_BASE_URL,
    apiKey: options.apiKey,
    connections: options.connections,
    headers: { 'HTTP-Referer': options.referer, 'X-Title': options.title },
    unsupportedParams: ['stream_options'],
  });
  return {
    ...base,
    chatBody: (body, model, stream) => ({
      ...base.chatBody(body, model, stream),
      ...(stream ? { usage: { include: true } } : {}),
    }),
  };
}

export class OpenRouterAdapter extends OpenAiCompatibleAdapter {
  constructor(options: OpenRouterAdapterOptions) {
    super(openRouterProfile(options));
  }
}
