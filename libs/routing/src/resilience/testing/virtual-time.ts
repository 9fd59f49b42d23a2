import type { Clock } from '../clock';
import type { Sleep, StartTimer } from '../sleep';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

/**
 * A fake clock whose `sleep` timers fire in virtual time: `run(promise)` lets microtasks settle,
 * then jumps to the next timer, until the promise settles. Tests of timeouts take no real time.
 */
export class VirtualTime {
  readonly sleeps: number[] = [];
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.current = start;
  }

  readonly clock: Clock = { now: () => this.current };

  readonly sleep: Sleep = (ms, signal) => {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fire: () => resolve() };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal.reason);
      }, { once: true });
    });
  };

  readonly timer: StartTimer = (ms, fire) => {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fire };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  advance(ms: number): void {
    this.current += ms;
  }

  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return watched;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('VirtualTime: the promise waits on nothing that virtual time can fire');
      this.current = Math.max(this.current, next.at);
      next.fire();
    }
  }
}
