import { GatewayError } from '@llmgw/contracts';
import type { Sleep } from './sleep';

// Cancelling the timer with a shared reason: `abort()` without one builds a DOMException (with a
// stack) on every call, which showed in the hot-path profile.
const ATTEMPT_SETTLED = Object.freeze(new Error('attempt settled'));

/**
 * One call with its own timeout, inside the caller's signal. The attempt signal aborts on timeout,
 * on the caller's abort, or when the call failed; after a success it stays live (a stream keeps
 * reading on it) and still follows the caller's abort.
 */
export async function runAttempt<T>(
  call: (attemptSignal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  callerSignal: AbortSignal,
  sleep: Sleep,
): Promise<T> {
  const attempt = new AbortController();
  const onCallerAbort = () => attempt.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', onCallerAbort, { once: true });
  const timer = new AbortController();

  const timedOut = sleep(timeoutMs, timer.signal).then(
    () => {
      const error = new GatewayError('timeout_error', `Attempt timed out after ${timeoutMs} ms`, { code: 'attempt_timeout' });
      attempt.abort(error);
      throw error;
    },
    () => new Promise<never>(() => undefined), // the timer was cancelled: never settles
  );
  const callerAborted = new Promise<never>((_, reject) => {
    if (attempt.signal.aborted) reject(attempt.signal.reason);
    attempt.signal.addEventListener('abort', () => reject(attempt.signal.reason), { once: true });
  });
  callerAborted.catch(() => undefined);

  try {
    const result = await Promise.race([Promise.resolve().then(() => call(attempt.signal)), timedOut, callerAborted]);
    timer.abort(ATTEMPT_SETTLED);
    return result;
  } catch (error) {
    timer.abort(ATTEMPT_SETTLED);
    callerSignal.removeEventListener('abort', onCallerAbort);
    if (!attempt.signal.aborted) attempt.abort(error);
    throw error;
  }
}
