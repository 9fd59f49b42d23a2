import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ProvidersConfigReloader } from '@llmgw/providers';
import { RouteDecisionCache } from '@llmgw/routing';

/**
 * Cached routing decisions were ranked with the old prices, models and rules: a providers file
 * reload drops them (every replica reloads and clears on its own).
 */
@Injectable()
export class RouteCacheResetOnReload implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProvidersFile');
  private stop: (() => void) | null = null;

  constructor(
    private readonly reloader: ProvidersConfigReloader,
    private readonly decisions: RouteDecisionCache,
  ) {}

  onModuleInit(): void {
    this.stop = this.reloader.onReload((result) => {
      if (result.status !== 'reloaded') return;
      this.decisions.clearEverywhere().catch((error: unknown) => this.logger.warn(`route cache not cleared after reload: ${error instanceof Error ? error.message : String(error)}`));
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}
