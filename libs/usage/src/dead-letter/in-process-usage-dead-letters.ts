import type { InProcessUsageHub } from '../in-process/in-process-usage.hub';
import { describeDeadLetter, type UsageDeadLetterPage, UsageDeadLetters } from './usage-dead-letter';

/** Standalone mode's dead letters: the batches the in-process hub gave up on (lost on restart). */
export class InProcessUsageDeadLetters extends UsageDeadLetters {
  constructor(private readonly hub: InProcessUsageHub) {
    super();
  }

  async list(offset: number, limit: number): Promise<UsageDeadLetterPage> {
    const letters = this.hub.deadLetters;
    const data = letters
      .slice(offset, offset + limit)
      .map((letter) => describeDeadLetter(letter.id, { payload: letter.batch, failedReason: letter.failedReason, attemptsMade: letter.attemptsMade, failedAt: letter.failedAt }));
    return { object: 'list', data, total: letters.length, offset, limit };
  }

  async replay(id: string): Promise<boolean> {
    const index = this.hub.deadLetters.findIndex((letter) => letter.id === id);
    if (index < 0) return false;
    const [letter] = this.hub.deadLetters.splice(index, 1);
    this.hub.requeue(letter!.batch);
    return true;
  }

  async replayAll(): Promise<number> {
    const letters = this.hub.deadLetters.splice(0);
    for (const letter of letters) this.hub.requeue(letter.batch);
    return letters.length;
  }
}
