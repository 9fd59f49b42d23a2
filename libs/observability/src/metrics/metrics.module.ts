import { type DynamicModule, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';

export interface MetricsModuleOptions {
  /** Process metrics are registered once per process; standalone mode runs three apps in one. */
  defaultMetrics: boolean;
}

/** Serves the process-wide Prometheus registry at `/metrics`. */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: options.defaultMetrics } })],
      exports: [PrometheusModule],
    };
  }
}
