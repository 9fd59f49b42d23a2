import { GatewayError } from '@llmgw/contracts';
import type { StartTimer } from './sleep';

/**
 * One call with its own timeout, inside the caller's signal. The attempt signal aborts on timeout,
 * on the caller's abort, or when the call failed; after a success it stays live (a stream keeps
 * reading on it) and still follows the caller's abort.
 *
 * One AbortController and a plain timer per attempt: this runs on every request, and on Node 20
 * each extra controller, listener and promise chain showed in the hot-path profile.
 */
export function runAttempt<T>(call: (attemptSignal: AbortSignal) => Promise<T>, timeoutMs: number, callerSignal: AbortSignal, startTimer: StartTimer): Promise<T> {
  const attempt = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (!attempt.signal.aborted) attempt.abort(error);
      if (settled) return;
      settled = true;
      cancelTimer();
      callerSignal.removeEventListener('abort', onCallerAbort);
      reject(error);
    };
    const onCallerAbort = () => fail(callerSignal.reason);
    const cancelTimer = startTimer(timeoutMs, () => fail(new GatewayError('timeout_error', `Attempt timed out after ${timeoutMs} ms`, { code: 'attempt_timeout' })));
    if (callerSignal.aborted) return fail(callerSignal.reason);
    callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    Promise.resolve()
      .then(() => call(attempt.signal))
      .then((result) => {
        if (settled) return;
        settled = true;
        cancelTimer();
        resolve(result);
      }, fail);
  });
}
