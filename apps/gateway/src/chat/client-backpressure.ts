import type { ServerResponse } from 'node:http';

/**
 * Backpressure towards a streaming client. A write the socket cannot take yet makes `drained()`
 * return a promise, and the handler waits for it before reading the next upstream chunk, so a
 * slow reader slows the upstream instead of piling the answer up in memory. A reader that takes
 * nothing for `stallMs` is cut: the socket closes, the client-abort signal stops the upstream
 * call, and what was sent is billed.
 */
export class ClientBackpressure {
  private waiting: Promise<void> | null = null;

  constructor(
    private readonly response: ServerResponse,
    private readonly stallMs: number,
  ) {}

  /** Writes a frame unless the response is over; remembers when the socket's buffer is full. */
  write(frame: string): void {
    if (this.response.destroyed || this.response.writableEnded) return;
    if (!this.response.write(frame) && !this.waiting) this.waiting = this.untilDrained();
  }

  /** Null while the client keeps up; else resolves when it caught up or is gone. */
  drained(): Promise<void> | null {
    return this.waiting;
  }

  private untilDrained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.response.off('drain', done);
        this.response.off('close', done);
        this.waiting = null;
        resolve();
      };
      const timer = setTimeout(() => {
        this.response.destroy(); // 'close' follows, which resolves
      }, this.stallMs);
      timer.unref();
      this.response.on('drain', done);
      this.response.on('close', done);
    });
  }
}
