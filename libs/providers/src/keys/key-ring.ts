import { keyLabel } from './provider-keys';

/** One key as reported: its label (position and prefix), never the key. */
export interface ProviderKeyStatus {
  label: string;
  inRotation: boolean;
  /** ISO time the key comes back into rotation, while it sits out. */
  rejectedUntil: string | null;
  rejections: number;
  /** Calls made with it (by this process). */
  calls: number;
  /** Taxonomy type and message of the last rejection. */
  lastRejection: string | null;
}

interface KeyState {
  label: string;
  rejectedUntil: number;
  rejections: number;
  calls: number;
  lastRejection: string | null;
}

export interface KeyRingOptions {
  /** How long a rejected key sits out before it is tried again. */
  cooldownMs: number;
  now?: () => number;
}

/**
 * A provider's keys used in turn. A key the provider rejected sits out for a while; when every
 * key sits out, the one coming back first is still tried (a provider-wide auth outage must not
 * turn into a gateway that never calls again).
 */
export class KeyRing {
  private readonly states: KeyState[];
  private readonly now: () => number;
  private cursor = 0;

  constructor(
    readonly provider: string,
    keys: readonly string[],
    private readonly options: KeyRingOptions,
  ) {
    this.states = keys.map((key, index) => ({ label: keyLabel(key, index), rejectedUntil: 0, rejections: 0, calls: 0, lastRejection: null }));
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.states.length;
  }

  /** The next key to use, skipping `tried`; undefined when every key was tried. */
  pick(tried: ReadonlySet<number> = new Set()): number | undefined {
    const now = this.now();
    const count = this.states.length;
    for (let step = 0; step < count; step++) {
      const index = (this.cursor + step) % count;
      if (!tried.has(index) && (this.states[index]?.rejectedUntil ?? 0) <= now) {
        this.cursor = (index + 1) % count;
        return this.use(index);
      }
    }
    let soonest: number | undefined;
    this.states.forEach((state, index) => {
      if (!tried.has(index) && (soonest === undefined || state.rejectedUntil < (this.states[soonest]?.rejectedUntil ?? Infinity))) soonest = index;
    });
    return soonest === undefined ? undefined : this.use(soonest);
  }

  /** Takes a key out of rotation for the cooldown; returns its label for reporting. */
  reject(index: number, reason: string): string {
    const state = this.states[index];
    if (!state) return `#${index + 1}`;
    state.rejectedUntil = this.now() + this.options.cooldownMs;
    state.rejections += 1;
    state.lastRejection = reason;
    return state.label;
  }

  inRotation(): number {
    const now = this.now();
    return this.states.filter((state) => state.rejectedUntil <= now).length;
  }

  snapshot(): ProviderKeyStatus[] {
    const now = this.now();
    return this.states.map((state) => ({
      label: state.label,
      inRotation: state.rejectedUntil <= now,
      rejectedUntil: state.rejectedUntil > now ? new Date(state.rejectedUntil).toISOString() : null,
      rejections: state.rejections,
      calls: state.calls,
      lastRejection: state.lastRejection,
    }));
  }

  private use(index: number): number {
    const state = this.states[index];
    if (state) state.calls += 1;
    return index;
  }
}
