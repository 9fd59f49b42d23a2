import type { GuardrailEngine } from '../engine/guardrail-engine';
import { hasOpenPrivateKey } from '../detectors/secrets/private-key.detector';
import type { ActionSet } from '../redaction/action-set';
import { applyFindings } from '../redaction/apply-findings';
import { partialPlaceholderLength, type PlaceholderMap } from '../redaction/placeholder-map';

/** Emitted text kept for look-behind context ("SSN: ", "aws_secret_access_key = "). */
const CONTEXT = 64;
/** Digit groups that may still grow into a card, phone or IBAN ("4111 1111 11|11 1111"). */
const NUMBER_WINDOW = 64;
/** Longest token held back whole (JWTs, provider keys); past it the text is scanned as is. */
const MAX_TOKEN = 2_048;
/** Longest private-key block held back waiting for its END line. */
const MAX_BLOCK = 16_384;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/**
 * Redaction over a text that arrives in pieces. It emits only what can no longer change: the
 * trailing token (it may be half a key or an address), the digit groups before it (half a
 * card number) and an open private-key block are held back; everything before is scanned
 * with the same detectors as a whole text and emitted. Memory is bounded by the constants.
 */
export class StreamTextRedactor {
  private pending = '';
  private context = '';
  /** Inside a private-key block that was already replaced: drop text until its END line. */
  private swallowing = false;
  /** Emit all pending text even though a finding is still open (an overlong key block). */
  private forceAll = false;

  constructor(
    private readonly engine: GuardrailEngine,
    private readonly placeholders: PlaceholderMap,
    private readonly actions: ActionSet,
    private readonly json = false,
  ) {}

  push(text: string): string {
    this.pending += text;
    if (this.swallowing && !this.skipKeyBody()) return '';
    return this.emit(this.holdFrom(this.pending), false);
  }

  flush(): string {
    if (this.swallowing) this.pending = '';
    return this.emit(this.pending.length, true);
  }

  private skipKeyBody(): boolean {
    const end = this.pending.indexOf('-----END ');
    if (end === -1) {
      this.pending = this.pending.slice(-16);
      return false;
    }
    const close = this.pending.indexOf('-----', end + 9);
    if (close === -1) {
      this.pending = this.pending.slice(end);
      return false;
    }
    this.pending = this.pending.slice(close + 5);
    this.swallowing = false;
    return true;
  }

  /** Where the part that may still change begins. */
  private holdFrom(text: string): number {
    let cut = text.length;
    while (cut > 0 && text.length - cut < MAX_TOKEN && !isSpace(text.charCodeAt(cut - 1))) cut -= 1;
    if (text.length - cut >= MAX_TOKEN) cut = text.length; // one giant token: scan it as is
    // Walk back over whitespace-separated groups that contain a digit.
    const floor = Math.max(0, cut - NUMBER_WINDOW);
    let i = cut;
    while (i > floor) {
      let groupStart = i - 1;
      while (groupStart > floor && isSpace(text.charCodeAt(groupStart))) groupStart -= 1;
      let j = groupStart;
      while (j > floor && !isSpace(text.charCodeAt(j - 1))) j -= 1;
      if (!/\d/.test(text.slice(j, groupStart + 1))) break;
      i = j;
    }
    cut = Math.min(cut, i);
    cut = Math.min(cut, text.length - partialPlaceholderLength(text));
    const open = hasOpenPrivateKey(this.context + text);
    if (open !== -1) {
      const from = Math.max(0, open - this.context.length);
      // A block longer than MAX_BLOCK is replaced up to here and the rest swallowed.
      if (text.length - from < MAX_BLOCK) cut = Math.min(cut, from);
      else {
        this.forceAll = true;
        cut = text.length;
      }
    }
    return cut;
  }

  private emit(cut: number, final: boolean): string {
    const force = final || this.forceAll;
    this.forceAll = false;
    if (cut <= 0 && !force) return '';
    const offset = this.context.length;
    const window = this.context + this.pending;
    const findings = this.engine.scan(window);
    let emitEnd = offset + cut;
    // A finding that crosses the cut is held back whole, to be seen complete next time.
    for (const finding of findings) if (finding.start < emitEnd && finding.end > emitEnd && !force) emitEnd = Math.max(offset, finding.start);
    const inside = findings
      .filter((finding) => finding.end > offset && finding.end <= emitEnd)
      .map((finding) => (finding.start < offset ? { ...finding, start: offset } : finding));
    const redacted = applyFindings(window.slice(0, emitEnd), inside, this.engine, this.placeholders, this.actions, { output: true, json: this.json });
    const out = redacted.slice(offset);
    const emitted = window.slice(offset, emitEnd);
    const openKey = inside.some((finding) => finding.type === 'private_key' && finding.end === emitEnd) && hasOpenPrivateKey(emitted) !== -1;
    this.pending = window.slice(emitEnd);
    this.context = window.slice(Math.max(0, emitEnd - CONTEXT), emitEnd);
    if (openKey && !final) {
      this.swallowing = true;
      this.skipKeyBody();
    }
    return this.placeholders.restore(out, this.json);
  }
}
