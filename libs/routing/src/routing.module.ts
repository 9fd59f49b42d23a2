import { Module } from '@nestjs/common';
import { GatewayMetrics, gatewayMetricProviders } from '@llmgw/observability';
import { ChatCompletionHandler } from './chat/chat-completion.handler';
import { EmbeddingsHandler } from './embeddings/embeddings.handler';
import { MessagesHandler } from './messages/messages.handler';
import { RequestMeter } from './metering/request-meter';

/**
 * The chat request path. Expects `ProvidersModule.forRoot()` and `UsageProducerModule.forRoot()`
 * (global) and the Prometheus module to be imported by the app.
 */
@Module({
  providers: [...gatewayMetricProviders, GatewayMetrics, RequestMeter, ChatCompletionHandler, EmbeddingsHandler, MessagesHandler],
  exports: [ChatCompletionHandler, EmbeddingsHandler, MessagesHandler],
})
export class RoutingModule {}
