import type { PeekableThrottlerStorage } from './peekable-throttler.storage';

/** A fresh storage (own key space) and a way to move its clock, real or virtual. */
export interface ThrottlerStorageFixture {
  storage: PeekableThrottlerStorage;
  /** Waits (or advances the virtual clock) by this many ms. */
  advance(ms: number): Promise<void>;
}

/** The behaviour both throttler storages must show; the guard relies on exactly these numbers. */
export function describeThrottlerStorageContract(label: string, makeFixture: () => ThrottlerStorageFixture): void {
  describe(`PeekableThrottlerStorage contract: ${label}`, () => {
    it('counts hits in a fixed window and reports the seconds until it resets', async () => {
      const { storage } = makeFixture();
      await expect(storage.increment('1.2.3.4', 60_000, 3, 0, 'ip')).resolves.toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
      await expect(storage.increment('1.2.3.4', 60_000, 3, 0, 'ip')).resolves.toMatchObject({ totalHits: 2, isBlocked: false });
      await expect(storage.peek('1.2.3.4', 'ip')).resolves.toEqual({ totalHits: 2, timeToExpire: 60 });
      await expect(storage.peek('5.6.7.8', 'ip')).resolves.toEqual({ totalHits: 0, timeToExpire: 0 });
    });

    it('blocks past the limit for the rest of the window when no block duration is given', async () => {
      const { storage } = makeFixture();
      for (let i = 0; i < 2; i += 1) await storage.increment('k', 60_000, 2, 0, 'ip');
      const refused = await storage.increment('k', 60_000, 2, 0, 'ip');
      expect(refused).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 60 });
      // Blocked hits are not counted again.
      await expect(storage.increment('k', 60_000, 2, 0, 'ip')).resolves.toMatchObject({ totalHits: 3, isBlocked: true });
    });

    it('keeps names and keys apart', async () => {
      const { storage } = makeFixture();
      await storage.increment('k', 60_000, 1, 0, 'ip');
      await expect(storage.increment('k', 60_000, 1, 0, 'other')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
      await expect(storage.increment('k2', 60_000, 1, 0, 'ip')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    });

    it('opens a new window once the old one expired, and lifts a block after its duration', async () => {
      const fixture = makeFixture();
      const { storage } = fixture;
      await storage.increment('k', 300, 1, 0, 'ip');
      await expect(storage.increment('k', 300, 1, 150, 'ip')).resolves.toMatchObject({ isBlocked: true });
      await fixture.advance(350);
      await expect(storage.increment('k', 300, 1, 150, 'ip')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    });
  });
}
