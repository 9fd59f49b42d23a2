import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { ControlChannel, type ControlMessageHandler } from './control-channel';

// A control message is published while an admin waits for the answer: fail fast, don't queue.
const PUBLISH_READY_TIMEOUT_MS = 1000;
const SUBSCRIBE_WAIT_MS = 2000;

/**
 * ControlChannel over Redis pub/sub (distributed mode). A subscribed connection can do
 * nothing else, so publishing uses its own connection. Failures are logged, never thrown:
 * a lost message only delays a change until the consumer's own staleness bound.
 */
export class RedisControlChannel extends ControlChannel implements OnModuleDestroy {
  private readonly logger: Logger;
  private readonly handlers = new Set<ControlMessageHandler>();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private subscribed: Promise<boolean> | null = null;

  constructor(
    private readonly redisUrl: string,
    private readonly channel: string,
  ) {
    super();
    this.logger = new Logger(`ControlChannel ${channel}`);
  }

  async publish(message: string): Promise<void> {
    try {
      this.publisher ??= this.connect('publisher', { enableOfflineQueue: false });
      await whenReady(this.publisher, PUBLISH_READY_TIMEOUT_MS);
      await this.publisher.publish(this.channel, message);
    } catch (error) {
      this.logger.error(`could not publish: ${messageOf(error)}`);
    }
  }

  async subscribe(handler: ControlMessageHandler): Promise<() => Promise<void>> {
    this.handlers.add(handler);
    if (!this.subscriber) {
      // No retry limit: the SUBSCRIBE waits for Redis however long it is away.
      const subscriber = this.connect('subscriber', { maxRetriesPerRequest: null });
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === this.channel) this.dispatch(message);
      });
      this.subscriber = subscriber;
      this.subscribed = subscriber.subscribe(this.channel).then(
        () => true,
        (error: unknown) => {
          this.logger.error(`could not subscribe: ${messageOf(error)}`);
          return false;
        },
      );
    }
    // Boot does not hang on a Redis outage: the subscription completes when Redis is back.
    const subscribed = await withTimeout(this.subscribed!, SUBSCRIBE_WAIT_MS);
    if (!subscribed) this.logger.warn('not yet subscribed; consumers rely on their own staleness bounds meanwhile');
    return async () => {
      this.handlers.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    const connections = [this.publisher, this.subscriber].filter(
      (connection): connection is Redis => connection !== null,
    );
    this.publisher = null;
    this.subscriber = null;
    this.subscribed = null;
    await Promise.all(
      connections.map(async (connection) => {
        if (connection.status !== 'ready') return connection.disconnect();
        await connection.quit().catch(() => connection.disconnect());
      }),
    );
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  private dispatch(message: string): void {
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch (error) {
        this.logger.error(`handler failed: ${messageOf(error)}`);
      }
    }
  }

  private connect(role: string, options: RedisOptions = {}): Redis {
    // disconnectTimeout: ioredis keeps a timer that long after disconnecting a dead socket.
    const connection = new Redis(this.redisUrl, {
      maxRetriesPerRequest: 2,
      disconnectTimeout: 200,
      connectionName: `llmgw-control-${role}`,
      ...options,
    });
    // ioredis reconnects (and re-subscribes) by itself; an unheard 'error' event would crash.
    connection.on('error', (error: Error) => this.logger.warn(`redis ${role}: ${error.message}`));
    return connection;
  }
}

async function withTimeout(promise: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function whenReady(connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error(`redis not ready within ${timeoutMs} ms (status ${connection.status})`));
    }, timeoutMs);
    connection.once('ready', onReady);
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
