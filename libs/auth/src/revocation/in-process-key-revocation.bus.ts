import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CHANNELS } from '@llmgw/contracts';
import { KeyRevocationBus, type RevocationHandler } from './key-revocation.bus';

// Standalone mode runs admin-api and gateway as two Nest apps in ONE process: they share this
// emitter, so a revocation made by one reaches the other's cache.
const processWideEmitter = new EventEmitter().setMaxListeners(0);

/** KeyRevocationBus for a single process (standalone mode). */
@Injectable()
export class InProcessKeyRevocationBus extends KeyRevocationBus implements OnModuleDestroy {
  private readonly logger = new Logger('KeyRevocationBus');
  private readonly listeners = new Set<(apiKeyId: string) => void>();

  constructor(private readonly emitter: EventEmitter = processWideEmitter) {
    super();
  }

  async publish(apiKeyId: string): Promise<void> {
    this.emitter.emit(CHANNELS.apiKeyRevoked, apiKeyId);
  }

  async subscribe(handler: RevocationHandler): Promise<() => Promise<void>> {
    const listener = (apiKeyId: string) => {
      try {
        handler(apiKeyId);
      } catch (error) {
        this.logger.error(`revocation handler failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    this.emitter.on(CHANNELS.apiKeyRevoked, listener);
    this.listeners.add(listener);
    return async () => {
      this.emitter.off(CHANNELS.apiKeyRevoked, listener);
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    for (const listener of this.listeners) this.emitter.off(CHANNELS.apiKeyRevoked, listener);
    this.listeners.clear();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
