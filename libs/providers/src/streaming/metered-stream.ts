import type { ChatCompletionChunk } from '@llmgw/contracts';
import { NO_RATE_LIMIT_HEADERS, type UpstreamRateLimitHeaders } from '../call/upstream-rate-limit-headers';
import type { ProviderStream, StreamUsage } from '../provider-adapter';
import type { StreamUsageMeter } from './stream-usage.meter';

/** A provider's chunk source with usage accounting attached: what every adapter returns. */
export class MeteredStream implements ProviderStream {
  private iterated = false;

  constructor(
    private readonly source: AsyncIterable<ChatCompletionChunk>,
    private readonly meter: StreamUsageMeter,
    /** Filled by the source when the upstream answers (see `UpstreamClient.postSse`). */
    private readonly upstreamRateLimitHeaders: UpstreamRateLimitHeaders = NO_RATE_LIMIT_HEADERS,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    // The source holds one upstream response: a second reader would see nothing.
    if (this.iterated) throw new Error('a provider stream can be iterated only once');
    this.iterated = true;
    for await (const chunk of this.source) {
      this.meter.observe(chunk);
      yield chunk;
    }
  }

  usage(): StreamUsage {
    return this.meter.usage();
  }

  rateLimitHeaders(): UpstreamRateLimitHeaders {
    return this.upstreamRateLimitHeaders;
  }
}
