/** A run of digits and number punctuation (space - . ( ) / +): where numbers can be. */
export interface NumericRegion {
  start: number;
  end: number;
  digits: number;
}

function isNumberChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 32 || code === 45 || code === 46 || code === 40 || code === 41 || code === 47 || code === 43;
}

/**
 * The text being scanned plus facts several detectors share, computed once and lazily: the
 * lower-case form (keyword prefilters) and the numeric regions (cards, phones, SSNs and IPs
 * are only looked for inside those, so prose costs one character loop instead of a regex
 * attempt at every position).
 */
export class ScanText {
  private lowerCache: string | null | undefined;
  private regionCache: NumericRegion[] | undefined;

  constructor(readonly text: string) {}

  /** Lower-case text with the same offsets, or null when case mapping changes the length. */
  get lower(): string | null {
    if (this.lowerCache === undefined) {
      const lower = this.text.toLowerCase();
      this.lowerCache = lower.length === this.text.length ? lower : null;
    }
    return this.lowerCache;
  }

  /** True when one of the (lower-case) words occurs; true as well when unsure. */
  mentions(words: readonly string[]): boolean {
    const lower = this.lower;
    return lower === null || words.some((word) => lower.includes(word));
  }

  /** Numeric regions with at least `minDigits` digits. */
  regions(minDigits: number): NumericRegion[] {
    if (!this.regionCache) {
      const regions: NumericRegion[] = [];
      const text = this.text;
      let i = 0;
      while (i < text.length) {
        const code = text.charCodeAt(i);
        if (code < 48 || code > 57) {
          i += 1;
          continue;
        }
        // Start at a digit, extend over number characters, trim trailing punctuation later.
        let start = i;
        while (start > 0 && isNumberChar(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 32) start -= 1;
        let digits = 0;
        let end = i;
        while (end < text.length && isNumberChar(text.charCodeAt(end))) {
          const c = text.charCodeAt(end);
          if (c >= 48 && c <= 57) digits += 1;
          end += 1;
        }
        regions.push({ start, end, digits });
        i = end;
      }
      this.regionCache = regions;
    }
    return minDigits <= 1 ? this.regionCache : this.regionCache.filter((region) => region.digits >= minDigits);
  }
}

/** Runs a global regex over each region (with context for look-arounds). */
export function matchInRegions(scan: ScanText, regions: readonly NumericRegion[], regex: RegExp, accept: (value: string, start: number, groups: RegExpExecArray) => void): void {
  const text = scan.text;
  for (const region of regions) {
    const from = Math.max(0, region.start - 1);
    const slice = text.slice(from, Math.min(text.length, region.end + 2));
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(slice)) !== null) {
      if (match[0].length === 0) regex.lastIndex += 1;
      else accept(match[0], from + match.index, match);
    }
  }
}
