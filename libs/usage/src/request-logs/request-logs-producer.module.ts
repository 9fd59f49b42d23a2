import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { BullMqRequestLogTransport } from './bullmq-request-log.transport';
import { inProcessRequestLogHub } from './in-process-request-log.hub';
import { RequestLogRecorder } from './request-log.recorder';
import { REQUEST_LOG_TRANSPORT, type RequestLogTransport } from './request-log.transport';

export interface RequestLogsProducerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` in standalone mode (no Redis). */
  transport: 'bullmq' | 'in-process';
}

type Config = ConfigService<GatewayConfig, true>;

/** The gateway's payload logging: provides `RequestLogRecorder` (a no-op unless LOG_PAYLOADS). Needs `AppConfigModule`. */
@Module({})
export class RequestLogsProducerModule {
  static forRoot(options: RequestLogsProducerModuleOptions): DynamicModule {
    const transport: Provider = {
      provide: REQUEST_LOG_TRANSPORT,
      inject: [ConfigService],
      useFactory: (config: Config): RequestLogTransport | null => {
        // Off: no queue, no Redis connection at all.
        if (!config.get('LOG_PAYLOADS', { infer: true })) return null;
        const prefix = config.get('QUEUE_PREFIX', { infer: true });
        if (options.transport === 'in-process') return inProcessRequestLogHub(prefix);
        return new BullMqRequestLogTransport({
          redisUrl: config.get('REDIS_URL', { infer: true }),
          prefix,
          sendTimeoutMs: config.get('USAGE_REDIS_COMMAND_TIMEOUT_MS', { infer: true }),
        });
      },
    };
    const recorder: Provider = {
      provide: RequestLogRecorder,
      inject: [REQUEST_LOG_TRANSPORT, ConfigService],
      useFactory: (queue: RequestLogTransport | null, config: Config) =>
        new RequestLogRecorder(queue ?? DISABLED, {
          enabled: queue !== null,
          maxChars: config.get('LOG_PAYLOAD_MAX_CHARS', { infer: true }),
        }),
    };
    return { module: RequestLogsProducerModule, global: true, providers: [transport, recorder], exports: [RequestLogRecorder] };
  }
}

const DISABLED: RequestLogTransport = {
  send: () => Promise.reject(new Error('request logging is off (LOG_PAYLOADS=false)')),
};
