import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ControlChannel, type ControlMessageHandler } from './control-channel';

// Standalone mode runs admin-api and gateway as two Nest apps in ONE process: they share this
// emitter, so a change made by one reaches the other.
const processWideEmitter = new EventEmitter().setMaxListeners(0);

/** ControlChannel for a single process (standalone mode). */
@Injectable()
export class InProcessControlChannel extends ControlChannel implements OnModuleDestroy {
  private readonly logger = new Logger('ControlChannel');
  private readonly listeners = new Set<(message: string) => void>();

  constructor(
    private readonly channel: string,
    private readonly emitter: EventEmitter = processWideEmitter,
  ) {
    super();
  }

  async publish(message: string): Promise<void> {
    this.emitter.emit(this.channel, message);
  }

  async subscribe(handler: ControlMessageHandler): Promise<() => Promise<void>> {
    const listener = (message: string) => {
      try {
        handler(message);
      } catch (error) {
        this.logger.error(`${this.channel} handler failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    this.emitter.on(this.channel, listener);
    this.listeners.add(listener);
    return async () => {
      this.emitter.off(this.channel, listener);
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    for (const listener of this.listeners) this.emitter.off(this.channel, listener);
    this.listeners.clear();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
