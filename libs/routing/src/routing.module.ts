import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig, GenerationOverrides, RoutingRules } from '@llmgw/config';
import { CHANNELS } from '@llmgw/contracts';
import { GuardrailsModule } from '@llmgw/guardrails';
import { controlChannelProvider, type ControlTransport } from '@llmgw/control-bus';
import { GatewayMetrics, gatewayMetricProviders } from '@llmgw/observability';
import { ChatCompletionHandler } from './chat/chat-completion.handler';
import { ChatStages } from './chat/chat-stages';
import { ResilientCaller } from './chat/resilient-caller';
import { ROUTING_RULES, RoutePlanner } from './chat/route-planner';
import { CIRCUIT_BREAKER_STORE, circuitBreakerStoreProvider } from './resilience/circuit-breaker.provider';
import { EmbeddingsHandler } from './embeddings/embeddings.handler';
import { MessagesHandler } from './messages/messages.handler';
import { GENERATION_OVERRIDES, GenerationHandler } from './generation/generation.handler';
import { RouterInspector } from './inspection/router-inspector';
import { LiveModelMetrics } from './live/live-model-metrics';
import { RequestMeter } from './metering/request-meter';
import { RouteCacheChannel } from './decision-cache/route-cache.channel';
import { ROUTE_CACHE_OPTIONS, RouteDecisionCache, type RouteCacheOptions } from './decision-cache/route-decision.cache';

/**
 * The chat request path. Expects `ProvidersModule.forRoot()` and `UsageProducerModule.forRoot()`
 * (global) and the Prometheus module to be imported by the app.
 */
@Module({})
export class RoutingModule {
  /**
   * `breakerStore`: 'redis' shares circuit state across replicas; 'in-memory' for standalone.
   * `controlTransport` carries route-cache clears to every replica (defaults to match the store).
   */
  static forRoot(options: { breakerStore: 'redis' | 'in-memory'; rules?: RoutingRules; generation?: GenerationOverrides; controlTransport?: ControlTransport }): DynamicModule {
    const transport = options.controlTransport ?? (options.breakerStore === 'redis' ? 'redis' : 'in-process');
    return {
      module: RoutingModule,
      imports: [GuardrailsModule],
      providers: [
        ...gatewayMetricProviders,
        GatewayMetrics,
        LiveModelMetrics,
        RequestMeter,
        circuitBreakerStoreProvider(options.breakerStore),
        ...(options.rules ? [{ provide: ROUTING_RULES, useValue: options.rules }] : []),
        ...(options.generation ? [{ provide: GENERATION_OVERRIDES, useValue: options.generation }] : []),
        controlChannelProvider(RouteCacheChannel, CHANNELS.routeCacheCleared, transport),
        {
          provide: ROUTE_CACHE_OPTIONS,
          inject: [ConfigService],
          useFactory: (config: ConfigService<GatewayConfig, true>): RouteCacheOptions => ({
            ttlMs: config.get('ROUTE_CACHE_TTL_SECONDS', { infer: true }) * 1000,
            maxEntries: config.get('ROUTE_CACHE_MAX_ENTRIES', { infer: true }),
          }),
        },
        RouteDecisionCache,
        RoutePlanner,
        ChatStages,
        ResilientCaller,
        ChatCompletionHandler,
        EmbeddingsHandler,
        MessagesHandler,
        GenerationHandler,
        RouterInspector,
      ],
      exports: [ChatCompletionHandler, EmbeddingsHandler, MessagesHandler, GenerationHandler, RouterInspector, RouteDecisionCache, CIRCUIT_BREAKER_STORE],
    };
  }
}
