import type { ChatCompletion, ChatCompletionRequest } from '@llmgw/contracts';
import type { Direction, GuardrailEngine } from '../engine/guardrail-engine';
import { ActionSet } from '../redaction/action-set';
import { applyFindings } from '../redaction/apply-findings';
import { PlaceholderMap } from '../redaction/placeholder-map';
import { ChatStreamGuard } from './chat-stream.guard';
import { guardChatCompletion } from './completion.guard';
import { guardChatRequest, type GuardedRequest } from './request.guard';

/**
 * The guardrails of one request: input and output share the placeholders (mask mode restores
 * in the response what was masked in the prompt) and one action list for metering.
 */
export class GuardrailSession {
  private readonly placeholders = new PlaceholderMap();
  private readonly actionSet = new ActionSet();

  constructor(private readonly engine: GuardrailEngine) {}

  /** Input guard, before routing. Throws GatewayError `guardrail_blocked` (400) or `request_too_large` (413). */
  guardRequest(request: ChatCompletionRequest): GuardedRequest {
    const guarded = guardChatRequest(request, this.engine, this.placeholders, this.actionSet);
    return { request: guarded, actions: this.actions };
  }

  /** Output guard for a non-streamed answer. Throws `guardrail_blocked` when a block rule fires. */
  guardCompletion(completion: ChatCompletion): { completion: ChatCompletion; actions: string[] } {
    return { completion: guardChatCompletion(completion, this.engine, this.placeholders, this.actionSet), actions: this.actions };
  }

  /** Output guard for a stream: one per streamed response. */
  streamGuard(): ChatStreamGuard {
    return new ChatStreamGuard(this.engine, this.placeholders, this.actionSet);
  }

  /** Guards a bare text (embeddings input, legacy completions). */
  guardText(text: string, direction: Direction): string {
    if (!this.engine.enabled) return text;
    const findings = this.engine.scan(text, direction === 'input' ? { injection: true } : { sql: true });
    const out = applyFindings(text, findings, this.engine, this.placeholders, this.actionSet, { output: direction === 'output' });
    return direction === 'output' ? this.placeholders.restore(out) : out;
  }

  /** `<rule>:<mode>` strings, sorted, e.g. `pii.email:redact`, `sql.stacked:flag`: for the usage event and a metrics counter. */
  get actions(): string[] {
    return this.actionSet.list();
  }

  /** SQL finding types of the response (`stacked`, `tautology`...): for the `x-llmgw-guardrail-sql` header. */
  get sqlFindings(): string[] {
    return this.actions.filter((action) => action.startsWith('sql.')).map((action) => action.slice(4, action.indexOf(':')));
  }
}
