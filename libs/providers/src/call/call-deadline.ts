import type { ProviderError } from '@llmgw/contracts';
import { callCancelled, callTimedOut } from './call-failures';
import type { ProviderCallContext } from '../provider-adapter';

/**
 * One provider call's abort signal: fires when the client goes away or when the call has been
 * waiting longer than `timeoutMs` (restart it on progress to make it an idle timeout), and tells
 * which of the two happened so the failure gets the right type.
 */
export class CallDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;
  private readonly onClientAbort = () => this.controller.abort(this.ctx.signal.reason);

  constructor(private readonly ctx: ProviderCallContext) {
    if (ctx.signal.aborted) this.controller.abort(ctx.signal.reason);
    else ctx.signal.addEventListener('abort', this.onClientAbort, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  restart(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new Error(`provider call timed out after ${this.ctx.timeoutMs} ms`));
    }, this.ctx.timeoutMs);
  }

  /** Stops the clock while the consumer, not the provider, is the one we wait for (a slow client). */
  pause(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.ctx.signal.removeEventListener('abort', this.onClientAbort);
  }

  /** The failure for an abort this deadline caused, or null when the error has another cause. */
  abortFailure(provider: string, cause: unknown): ProviderError | null {
    if (this.expired) return callTimedOut(provider, this.ctx.timeoutMs, cause);
    if (this.ctx.signal.aborted) return callCancelled(provider, cause);
    return null;
  }
}
