import type { ChatCompletionChunk } from '@llmgw/contracts';
import type { GuardrailEngine } from '../engine/guardrail-engine';
import type { ActionSet } from '../redaction/action-set';
import type { PlaceholderMap } from '../redaction/placeholder-map';
import { StreamTextRedactor } from './stream-text.redactor';

type Choice = ChatCompletionChunk['choices'][number];
type ToolDelta = NonNullable<Choice['delta']['tool_calls']>[number];

interface ChoiceState {
  content: StreamTextRedactor;
  tools: Map<number, StreamTextRedactor>;
  /** Raw text kept for the end-of-stream SQL check, up to the output limit. */
  sqlText: string;
  emitted: number;
  done: boolean;
}

/**
 * Output guard for a stream. `push(chunk)` returns the chunks to send now (none while text is
 * held back), `end()` what is still held when the upstream ends without a finish_reason.
 * Redaction works per choice index and per tool call across chunk boundaries; mask-mode
 * placeholders are restored. Past max_output_length a choice is cut and finishes with
 * "length" (`truncated` turns true: the caller should abort the upstream call). SQL checks
 * run on each choice's full text at its finish (flag only: the text has been sent).
 */
export class ChatStreamGuard {
  private readonly choices = new Map<number, ChoiceState>();
  private last: ChatCompletionChunk | undefined;
  truncated = false;

  constructor(
    private readonly engine: GuardrailEngine,
    private readonly placeholders: PlaceholderMap,
    private readonly actions: ActionSet,
  ) {}

  push(chunk: ChatCompletionChunk): ChatCompletionChunk[] {
    if (!this.engine.enabled) return [chunk];
    this.last = chunk;
    if (chunk.choices.length === 0) return [chunk];
    const choices: Choice[] = [];
    for (const choice of chunk.choices) {
      const next = this.guardChoice(choice);
      if (next) choices.push(next);
    }
    if (choices.length === 0 && !chunk.usage) return [];
    return [{ ...chunk, choices }];
  }

  end(): ChatCompletionChunk[] {
    if (!this.engine.enabled || !this.last) return [];
    const choices: Choice[] = [];
    for (const [index, state] of this.choices) {
      if (state.done) continue;
      const next = this.guardChoice({ index, delta: {}, finish_reason: null }, true);
      if (next && (next.delta.content || next.delta.tool_calls)) choices.push(next);
    }
    if (choices.length === 0) return [];
    return [{ ...this.last, choices, usage: null }];
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { content: this.redactor(false), tools: new Map(), sqlText: '', emitted: 0, done: false };
      this.choices.set(index, state);
    }
    return state;
  }

  private redactor(json: boolean): StreamTextRedactor {
    return new StreamTextRedactor(this.engine, this.placeholders, this.actions, json);
  }

  private guardChoice(choice: Choice, ending = false): Choice | null {
    const state = this.state(choice.index);
    if (state.done) return null;
    const finishing = ending || choice.finish_reason != null;
    const raw = choice.delta.content;
    if (typeof raw === 'string' && state.sqlText.length < this.engine.policy.limits.maxOutputLength) state.sqlText += raw;
    let content = typeof raw === 'string' && raw.length > 0 ? state.content.push(raw) : '';
    if (finishing) content += state.content.flush();
    let finishReason = choice.finish_reason;
    const room = this.engine.policy.limits.maxOutputLength - state.emitted;
    if (content.length > room) {
      content = content.slice(0, Math.max(0, room));
      finishReason = 'length';
      this.truncated = true;
      this.actions.addRaw('limit.output_length:truncate');
    }
    state.emitted += content.length;
    const toolCalls = this.guardTools(state, choice.delta.tool_calls, finishing);
    if (finishReason != null) this.finish(state);
    const delta = { ...choice.delta };
    if (typeof raw === 'string' || content.length > 0) delta.content = content;
    if (toolCalls) delta.tool_calls = toolCalls;
    else delete delta.tool_calls;
    const meaningful = content.length > 0 || delta.role !== undefined || toolCalls !== undefined || finishReason != null;
    return meaningful ? { ...choice, delta, finish_reason: finishReason } : null;
  }

  private guardTools(state: ChoiceState, deltas: ToolDelta[] | undefined, finishing: boolean): ToolDelta[] | undefined {
    const out: ToolDelta[] = [];
    for (const delta of deltas ?? []) {
      let redactor = state.tools.get(delta.index);
      if (!redactor) state.tools.set(delta.index, (redactor = this.redactor(true)));
      const args = delta.function?.arguments;
      if (args === undefined) {
        out.push(delta);
        continue;
      }
      const safe = redactor.push(args);
      // Id, type and name must still go out with the first delta even if its arguments are held.
      if (safe.length > 0 || delta.id !== undefined || delta.function?.name !== undefined)
        out.push({ ...delta, function: { ...delta.function, arguments: safe } });
    }
    if (finishing) {
      for (const [index, redactor] of state.tools) {
        const rest = redactor.flush();
        if (rest.length > 0) out.push({ index, function: { arguments: rest } });
      }
    }
    return out.length > 0 ? out : undefined;
  }

  private finish(state: ChoiceState): void {
    state.done = true;
    if (this.engine.policy.sqlInjection === 'off' || state.sqlText.length === 0) return;
    const findings = this.engine.scan(state.sqlText, { sql: true }).filter((finding) => finding.detector === 'sql');
    // A stream cannot be taken back: SQL findings are recorded as flags whatever the mode.
    for (const finding of findings) this.actions.add(finding, 'flag');
    state.sqlText = '';
  }
}
