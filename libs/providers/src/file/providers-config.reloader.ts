import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ProvidersFileSource, ProvidersFileStats, ReloadResult } from '@llmgw/config';
import { ControlChannel } from '@llmgw/control-bus';

/** Redis pub/sub channel (or in-process) on which every replica is told to reload the providers file. */
export const PROVIDERS_FILE_RELOAD_CHANNEL = 'llmgw:providers-file-reload';

/** Carries "reload the providers file" to every process that has providers. */
export abstract class ProvidersFileReloadBus extends ControlChannel {}

/** Reloads the providers file here, or in every replica (an admin call). */
@Injectable()
export class ProvidersConfigReloader implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ProvidersFile');
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(
    private readonly source: ProvidersFileSource,
    private readonly bus: ProvidersFileReloadBus | null,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = (await this.bus?.subscribe(() => void this.reloadHere())) ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
    await this.bus?.close();
  }

  reloadHere(): ReloadResult {
    return this.source.reload();
  }

  /** This process's outcome; the others reload when they hear the message (best effort, their watch catches up). */
  async reloadEverywhere(): Promise<{ result: ReloadResult; broadcast: boolean }> {
    const result = this.reloadHere();
    if (!this.bus) return { result, broadcast: false };
    try {
      await this.bus.publish(JSON.stringify({ at: Date.now() }));
      return { result, broadcast: true };
    } catch (error) {
      this.logger.warn(`could not tell other replicas to reload: ${error instanceof Error ? error.message : String(error)}`);
      return { result, broadcast: false };
    }
  }

  /** Told of every reload attempt here (applied, unchanged or refused). */
  onReload(listener: (result: ReloadResult) => void): () => void {
    return this.source.onReload(listener);
  }

  stats(): ProvidersFileStats {
    return this.source.stats();
  }
}
