import { type DynamicModule, Module } from '@nestjs/common';
import type { RoutingRules } from '@llmgw/config';
import { GatewayMetrics, gatewayMetricProviders } from '@llmgw/observability';
import { ChatCompletionHandler } from './chat/chat-completion.handler';
import { ResilientCaller } from './chat/resilient-caller';
import { ROUTING_RULES, RoutePlanner } from './chat/route-planner';
import { circuitBreakerStoreProvider } from './resilience/circuit-breaker.provider';
import { EmbeddingsHandler } from './embeddings/embeddings.handler';
import { MessagesHandler } from './messages/messages.handler';
import { RouterInspector } from './inspection/router-inspector';
import { LiveModelMetrics } from './live/live-model-metrics';
import { RequestMeter } from './metering/request-meter';

/**
 * The chat request path. Expects `ProvidersModule.forRoot()` and `UsageProducerModule.forRoot()`
 * (global) and the Prometheus module to be imported by the app.
 */
@Module({})
export class RoutingModule {
  /** `breakerStore`: 'redis' shares circuit state across replicas; 'in-memory' for standalone. */
  static forRoot(options: { breakerStore: 'redis' | 'in-memory'; rules?: RoutingRules }): DynamicModule {
    return {
      module: RoutingModule,
      providers: [
        ...gatewayMetricProviders,
        GatewayMetrics,
        LiveModelMetrics,
        RequestMeter,
        circuitBreakerStoreProvider(options.breakerStore),
        ...(options.rules ? [{ provide: ROUTING_RULES, useValue: options.rules }] : []),
        RoutePlanner,
        ResilientCaller,
        ChatCompletionHandler,
        EmbeddingsHandler,
        MessagesHandler,
        RouterInspector,
      ],
      exports: [ChatCompletionHandler, EmbeddingsHandler, MessagesHandler, RouterInspector],
    };
  }
}
