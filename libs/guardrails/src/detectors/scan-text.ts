import { prescan, type Prescan } from './prescan';

/**
 * The text being scanned plus facts several detectors share, computed once and lazily: one
 * character loop (numeric regions and long base64 runs, see `prescan`) and the lower-case form.
 * Cards, phones, SSNs and IPs are only looked for inside numeric regions, so prose costs that
 * one loop instead of a regex attempt at every position.
 *
 * The engine reuses one instance across scans (`reset`): its buffers stop allocating once warm.
 */
export class ScanText {
  private lowerCache: string | null | undefined;
  private facts: Prescan | undefined;
  private readonly store: Prescan = { regions: new Int32Array(3 * 64), regionCount: 0, maxDigits: 0, runs: new Int32Array(2 * 8), runCount: 0 };

  constructor(private current = '') {}

  get text(): string {
    return this.current;
  }

  /** Points this instance at a new text, dropping every cached fact. */
  reset(text: string): this {
    this.current = text;
    this.lowerCache = undefined;
    this.facts = undefined;
    return this;
  }

  /** Lower-case text with the same offsets, or null when case mapping changes the length. */
  get lower(): string | null {
    if (this.lowerCache === undefined) {
      const lower = this.current.toLowerCase();
      this.lowerCache = lower.length === this.current.length ? lower : null;
    }
    return this.lowerCache;
  }

  /** True when one of the (lower-case) words occurs; true as well when unsure. */
  mentions(words: readonly string[]): boolean {
    const lower = this.lower;
    return lower === null || words.some((word) => lower.includes(word));
  }

  /**
   * True when `keyword` (a non-global regex) matches within the `before` characters ahead of a
   * numeric region with at least `minDigits` digits. A keyword rule ("phone: ...", "SSN ...")
   * whose number lies in such a region passes this check, so the rule's regex only runs over
   * the whole text when it can match; the check itself reads a few short windows.
   */
  mentionsBefore(keyword: RegExp, minDigits: number, before: number): boolean {
    const { regions, regionCount, maxDigits } = this.prescan();
    if (maxDigits < minDigits) return false;
    const text = this.current;
    for (let r = 0; r < regionCount; r += 1) {
      if (regions[3 * r + 2]! < minDigits) continue;
      const regionStart = regions[3 * r]!;
      if (keyword.test(text.slice(Math.max(0, regionStart - before), regionStart))) return true;
    }
    return false;
  }

  /** True when some numeric region has at least `minDigits` digits. */
  hasRegion(minDigits: number): boolean {
    return this.prescan().maxDigits >= minDigits;
  }

  /** Base64 runs of at least the prescan minimum, as [start, end) pairs in `runs[0..2*runCount)`. */
  base64Runs(): Pick<Prescan, 'runs' | 'runCount'> {
    return this.prescan();
  }

  /** Runs a global regex over each numeric region with at least `minDigits` digits (with context for look-arounds). */
  matchInRegions(minDigits: number, regex: RegExp, accept: (value: string, start: number, groups: RegExpExecArray) => void): void {
    const { regions, regionCount, maxDigits } = this.prescan();
    if (maxDigits < minDigits) return;
    const text = this.current;
    for (let r = 0; r < regionCount; r += 1) {
      if (regions[3 * r + 2]! < minDigits) continue;
      const from = Math.max(0, regions[3 * r]! - 1);
      const slice = text.slice(from, Math.min(text.length, regions[3 * r + 1]! + 2));
      regex.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = regex.exec(slice)) !== null) {
        if (match[0].length === 0) regex.lastIndex += 1;
        else accept(match[0], from + match.index, match);
      }
    }
  }

  private prescan(): Prescan {
    if (this.facts === undefined) this.facts = prescan(this.current, this.store);
    return this.facts;
  }
}
