import { SseDecoder, type SseEvent } from './sse.decoder';

const STREAM =
  'data: {"a":1}\n\n: keep-alive comment\n\nevent: ping\ndata: first line\ndata: second line\n\ndata: {"b":"héllo ✓"}\r\n\r\ndata: [DONE]\n\n';
const EXPECTED: SseEvent[] = [
  { event: undefined, data: '{"a":1}' },
  { event: 'ping', data: 'first line\nsecond line' },
  { event: undefined, data: '{"b":"héllo ✓"}' },
  { event: undefined, data: '[DONE]' },
];

function decodeInPieces(bytes: Buffer, cuts: number[]): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(start, cut)));
    start = cut;
  }
  return [...events, ...decoder.end()];
}

describe('SseDecoder', () => {
  const bytes = Buffer.from(STREAM);

  it('decodes several events arriving in one piece', () => {
    expect(decodeInPieces(bytes, [])).toEqual(EXPECTED);
  });

  it('decodes the same events whatever byte the stream is cut at (CRLF and UTF-8 included)', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decodeInPieces(bytes, [cut])).toEqual(EXPECTED);
    }
  });

  it('decodes a stream delivered one byte at a time', () => {
    expect(
      decodeInPieces(
        bytes,
        Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(EXPECTED);
  });

  it('delivers nothing until the blank line ends an event', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: {"partial":')).toEqual([]);
    expect(decoder.push('true}\n')).toEqual([]);
    expect(decoder.push('\n')).toEqual([{ event: undefined, data: '{"partial":true}' }]);
  });

  it('delivers a last event that lacks its blank line when the body ends', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: tail')).toEqual([]);
    expect(decoder.end()).toEqual([{ event: undefined, data: 'tail' }]);
  });
});
