import { GatewayError, type ChatCompletionChunk } from '@llmgw/contracts';
import { AnthropicChatStreamSink } from './anthropic-chat-stream.sink';
import type { AnthropicStreamEvent } from './anthropic-message';
import type { AnthropicStreamSink } from './anthropic-stream.sink';

/** A transport that records what it was asked to write. */
class RecordingSink implements AnthropicStreamSink {
  readonly log: Array<string | AnthropicStreamEvent> = [];
  open(route: { provider: string; model: string }): void {
    this.log.push(`open ${route.provider}/${route.model}`);
  }
  send(event: AnthropicStreamEvent): void {
    this.log.push(event);
  }
  end(): void {
    this.log.push('end');
  }
}

const chunk: ChatCompletionChunk = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'mock-1',
  choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
};
const types = (log: RecordingSink['log']) => log.map((entry) => (typeof entry === 'string' ? entry : entry.type));

describe('AnthropicChatStreamSink', () => {
  it('relays a completed stream as Anthropic events ending with message_stop', () => {
    const target = new RecordingSink();
    const sink = new AnthropicChatStreamSink(target, 'msg_req');
    sink.open({ provider: 'mock', model: 'mock-1' });
    sink.send(chunk);
    sink.close();
    expect(types(target.log)).toEqual([
      'open mock/mock-1',
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
      'end',
    ]);
  });

  it('ends a stream that failed after opening with an error event, never message_stop', () => {
    const target = new RecordingSink();
    const sink = new AnthropicChatStreamSink(target, 'msg_req');
    sink.open({ provider: 'openai', model: 'gpt-4o-mini' });
    sink.send(chunk);
    sink.fail(new GatewayError('upstream_error', 'The upstream closed the stream early'));
    expect(target.log.slice(-2)).toEqual([{ type: 'error', error: { type: 'api_error', message: 'The upstream closed the stream early' } }, 'end']);
    expect(types(target.log)).not.toContain('message_stop');
    expect(types(target.log)).not.toContain('message_delta');
  });
});
