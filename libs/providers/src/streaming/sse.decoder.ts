export interface SseEvent {
  /** The `event:` field, when the server named the event (OpenAI does not; Anthropic does). */
  event: string | undefined;
  data: string;
}

/**
 * Incremental Server-Sent Events parser (WHATWG event-stream rules, `data` and `event` fields).
 * Bytes arrive in arbitrary TCP-sized pieces: an event, a line, a CRLF or a multi-byte UTF-8
 * character may be split across pieces, and one piece may hold several events.
 */
export class SseDecoder {
  private readonly utf8 = new TextDecoder('utf-8');
  private buffer = '';
  private dataLines: string[] = [];
  private eventName: string | undefined;

  push(bytes: Uint8Array | string): SseEvent[] {
    this.buffer += typeof bytes === 'string' ? bytes : this.utf8.decode(bytes, { stream: true });
    return this.drainLines();
  }

  /** Call when the body ends: a last event without its blank line is still delivered. */
  end(): SseEvent[] {
    this.buffer += this.utf8.decode();
    const events = this.drainLines();
    if (this.buffer.length > 0) this.consumeLine(this.buffer.replace(/\r$/, ''), events);
    this.buffer = '';
    this.dispatch(events);
    return events;
  }

  private drainLines(): SseEvent[] {
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A trailing lone CR may be the first half of a CRLF: wait for the next piece.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.consumeLine(line, events);
    }
    return events;
  }

  private consumeLine(line: string, events: SseEvent[]): void {
    if (line === '') return this.dispatch(events);
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.dataLines.length > 0) events.push({ event: this.eventName, data: this.dataLines.join('\n') });
    this.dataLines = [];
    this.eventName = undefined;
  }
}
