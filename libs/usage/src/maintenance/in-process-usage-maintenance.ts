import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import { UsagePartitionsService } from './usage-partitions.service';

const DAY_MS = 86_400_000;

/** Standalone mode (one process, no Redis): the same upkeep at boot and then once a day. */
@Injectable()
export class InProcessUsageMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InProcessUsageMaintenance.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly partitions: UsagePartitionsService,
    private readonly config: ConfigService<CostTrackerConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.run();
    this.timer = setInterval(() => void this.run(), DAY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async run(): Promise<void> {
    try {
      const now = new Date();
      await this.partitions.ensureAhead(now, this.config.get('USAGE_PARTITIONS_AHEAD', { infer: true }));
      await this.partitions.dropExpired(now, this.config.get('USAGE_RETENTION_DAYS', { infer: true }));
    } catch (error) {
      this.logger.error(`usage maintenance failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
