/** Milliseconds since the epoch; injected so breakers, deadlines and backoff run under a fake clock in tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A number in [0, 1), like Math.random; injected so jitter is deterministic in tests. */
export type RandomSource = () => number;
