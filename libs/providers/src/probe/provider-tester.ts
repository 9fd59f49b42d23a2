import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { GatewayError, ProviderError, type TokenUsage } from '@llmgw/contracts';
import { redactGoogleSecrets } from '../gemini/gemini.errors';
import { PROVIDER_DEFAULT_MODELS } from '../provider-adapters.token';
import { ProviderRegistry } from '../provider-registry';
import type { ModelEntry } from '../registry/model-entry';

export interface ProviderTestRequest {
  /** One of the provider's models; default: its configured default model, else its cheapest chat model. */
  model?: string | undefined;
  prompt?: string | undefined;
}

export interface ProviderTestResult {
  provider: string;
  model: string;
  ok: boolean;
  latencyMs: number;
  answer: string | null;
  usage: TokenUsage | null;
  error: { type: string; message: string; upstreamStatus: number | null } | null;
  testedAt: string;
}

const DEFAULT_PROMPT = 'Reply with the single word: pong';
const MAX_TOKENS = 16;
const MAX_ERROR_LENGTH = 300;

/**
 * Sends one small chat request to one provider, straight through its adapter (no routing, no
 * fallback, no cache), and reports latency, the answer and any error. Goes through key rotation,
 * so a rejected key is reported like in traffic.
 */
@Injectable()
export class ProviderTester {
  private readonly timeoutMs: number;

  constructor(
    private readonly providers: ProviderRegistry,
    config: ConfigService<GatewayConfig, true>,
    @Optional() @Inject(PROVIDER_DEFAULT_MODELS) private readonly defaults: Readonly<Record<string, string>> = {},
  ) {
    this.timeoutMs = config.get('PROVIDER_TEST_TIMEOUT_MS', { infer: true }) ?? 30_000;
  }

  async test(providerId: string, request: ProviderTestRequest = {}): Promise<ProviderTestResult> {
    const adapter = this.providers.adapter(providerId);
    if (!adapter) throw new GatewayError('not_found_error', `No enabled provider '${providerId}'`, { param: 'id', code: 'provider_not_found' });
    const model = this.modelFor(providerId, request.model);
    const started = performance.now();
    const testedAt = new Date().toISOString();
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const { completion } = await adapter.chat(
        { model: model.id, messages: [{ role: 'user', content: request.prompt ?? DEFAULT_PROMPT }], max_tokens: MAX_TOKENS },
        model,
        { signal, timeoutMs: this.timeoutMs, requestId: `provider-test-${randomUUID()}` },
      );
      const content = completion.choices[0]?.message.content;
      return { provider: providerId, model: model.id, ok: true, latencyMs: elapsed(started), answer: typeof content === 'string' ? content : null, usage: completion.usage ?? null, error: null, testedAt };
    } catch (error) {
      return { provider: providerId, model: model.id, ok: false, latencyMs: elapsed(started), answer: null, usage: null, error: describe(error, signal), testedAt };
    }
  }

  private modelFor(providerId: string, asked: string | undefined): ModelEntry {
    const own = this.providers.catalogue().filter((model) => model.provider === providerId);
    if (asked) {
      const found = own.find((model) => model.id === asked);
      if (!found) throw new GatewayError('invalid_request_error', `The model '${asked}' is not one of ${providerId}'s models`, { param: 'model', code: 'model_not_found' });
      return found;
    }
    const chat = own.filter((model) => !model.capabilities.embeddings);
    const preferred = chat.find((model) => model.id === this.defaults[providerId]);
    const cheapest = [...chat].sort((a, b) => a.inputNanoUsdPerMTok + a.outputNanoUsdPerMTok - (b.inputNanoUsdPerMTok + b.outputNanoUsdPerMTok))[0];
    const chosen = preferred ?? cheapest;
    if (!chosen) throw new GatewayError('invalid_request_error', `Provider '${providerId}' has no chat model to test`, { param: 'model', code: 'model_not_found' });
    return chosen;
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function describe(error: unknown, signal: AbortSignal): ProviderTestResult['error'] {
  if (signal.aborted && !(error instanceof GatewayError)) return { type: 'timeout_error', message: 'no answer in time', upstreamStatus: null };
  const type = error instanceof GatewayError ? error.type : 'upstream_error';
  const raw = redactGoogleSecrets(error instanceof Error ? error.message : String(error));
  return {
    type,
    message: raw.length > MAX_ERROR_LENGTH ? `${raw.slice(0, MAX_ERROR_LENGTH - 1)}…` : raw,
    upstreamStatus: error instanceof ProviderError ? error.upstreamStatus : null,
  };
}
