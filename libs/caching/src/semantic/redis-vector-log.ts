import type Redis from 'ioredis';
import type { VectorLog, VectorRecord } from './vector-log';

const PAGE = 1_000;
const BLOCK_MS = 2_000;

export interface RedisVectorLogOptions {
  /** Appends and replays. Owned by the caller. */
  redis: Redis;
  /** Makes the blocking connection a follower needs (XREAD BLOCK holds its connection). */
  connect: () => Redis;
  /** The stream key, e.g. 'llmgw:cache:vectors'. */
  streamKey: string;
  /** Approximate length the stream is trimmed to (older records are expired or evicted anyway). */
  maxRecords: number;
  now?: () => number;
}

type StreamEntry = [Buffer, Buffer[]];

/** The vector log as a Redis stream: XADD to append, XRANGE to replay, XREAD BLOCK to follow. */
export class RedisVectorLog implements VectorLog {
  constructor(private readonly options: RedisVectorLogOptions) {}

  async append(record: VectorRecord): Promise<void> {
    const vector = Buffer.from(record.vector.buffer, record.vector.byteOffset, record.vector.byteLength);
    await this.options.redis.xadd(
      this.options.streamKey,
      'MAXLEN',
      '~',
      String(this.options.maxRecords),
      '*',
      't', record.tenant,
      'p', record.partition,
      'k', record.key,
      'q', record.prompt,
      'x', String(record.expiresAt),
      'v', vector,
    );
  }

  async follow(onRecord: (record: VectorRecord) => void): Promise<() => Promise<void>> {
    let lastId = '0-0';
    // Replay: pages of XRANGE from the start, exclusive of the last id seen.
    for (;;) {
      const page = (await this.options.redis.xrangeBuffer(this.options.streamKey, lastId === '0-0' ? '-' : `(${lastId}`, '+', 'COUNT', PAGE)) as StreamEntry[];
      for (const entry of page) lastId = this.deliver(entry, onRecord);
      if (page.length < PAGE) break;
    }
    const blocking = this.options.connect();
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          const reply = (await blocking.xreadBuffer('COUNT', PAGE, 'BLOCK', BLOCK_MS, 'STREAMS', this.options.streamKey, lastId)) as
            | Array<[Buffer, StreamEntry[]]>
            | null;
          for (const [, entries] of reply ?? []) for (const entry of entries) lastId = this.deliver(entry, onRecord);
        } catch {
          if (stopped) return;
          // Redis away: wait a little and resume from the last id seen (nothing is lost).
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
    return async () => {
      stopped = true;
      blocking.disconnect();
      await loop;
    };
  }

  private deliver([rawId, fields]: StreamEntry, onRecord: (record: VectorRecord) => void): string {
    const id = rawId.toString();
    const map = new Map<string, Buffer>();
    for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!.toString(), fields[i + 1]!);
    const expiresAt = Number(map.get('x')?.toString() ?? 0);
    const raw = map.get('v');
    if (!raw || expiresAt <= (this.options.now ?? Date.now)()) return id;
    // Copy: the Buffer may be a view into a pooled allocation with arbitrary alignment.
    const vector = new Float32Array(raw.byteLength / 4);
    new Uint8Array(vector.buffer).set(raw);
    onRecord({
      tenant: map.get('t')?.toString() ?? '',
      partition: map.get('p')?.toString() ?? '',
      key: map.get('k')?.toString() ?? '',
      prompt: map.get('q')?.toString() ?? '',
      vector,
      expiresAt,
    });
    return id;
  }
}
