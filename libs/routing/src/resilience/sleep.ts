/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Calls `fire` after `ms` unless the returned cancel function runs first. */
export type StartTimer = (ms: number, fire: () => void) => () => void;

export const realSleep: Sleep = (ms, signal) => {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
};

export const realTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, Math.max(0, ms));
  return () => clearTimeout(timer);
};
