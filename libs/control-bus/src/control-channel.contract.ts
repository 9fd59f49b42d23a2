import type { ControlChannel } from './control-channel';

/** Two buses on the same channel, as two replicas would have, and how to dispose of them. */
export interface BusPair {
  publisher: ControlChannel;
  subscriber: ControlChannel;
  dispose(): Promise<void>;
}

const DELIVERY_TIMEOUT_MS = 2000;

/** Collects deliveries and waits for a given id to arrive. */
function recorder() {
  const received: string[] = [];
  const waiters: Array<{ id: string; resolve: () => void }> = [];
  const handler = (apiKeyId: string) => {
    received.push(apiKeyId);
    for (const waiter of waiters.filter((candidate) => candidate.id === apiKeyId)) waiter.resolve();
  };
  const waitFor = (id: string) =>
    received.includes(id)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${id} not delivered within ${DELIVERY_TIMEOUT_MS} ms`)),
            DELIVERY_TIMEOUT_MS,
          );
          waiters.push({ id, resolve: () => (clearTimeout(timer), resolve()) });
        });
  return { received, handler, waitFor };
}

/**
 * The behaviour every ControlChannel adapter must have. Written once, run against each
 * adapter (in-process as a unit spec, Redis as an int-spec). `makePair` isolates each test.
 */
export function describeControlChannelContract(name: string, makePair: () => Promise<BusPair>): void {
  describe(`${name} (ControlChannel contract)`, () => {
    let pair: BusPair;

    beforeEach(async () => {
      pair = await makePair();
    });

    afterEach(async () => {
      await pair.dispose();
    });

    it('delivers a message published by one instance to a subscriber of another', async () => {
      const first = recorder();
      await pair.subscriber.subscribe(first.handler);
      await pair.publisher.publish('key-1');
      await first.waitFor('key-1');
      expect(first.received).toEqual(['key-1']);
    });

    it('delivers to every subscriber, in publication order', async () => {
      const [first, second] = [recorder(), recorder()];
      await pair.subscriber.subscribe(first.handler);
      await pair.publisher.subscribe(second.handler);
      for (const id of ['a', 'b', 'c']) await pair.publisher.publish(id);
      await Promise.all([first.waitFor('c'), second.waitFor('c')]);
      expect(first.received).toEqual(['a', 'b', 'c']);
      expect(second.received).toEqual(['a', 'b', 'c']);
    });

    it('stops delivering to a handler after it unsubscribes', async () => {
      const [gone, staying] = [recorder(), recorder()];
      const unsubscribe = await pair.subscriber.subscribe(gone.handler);
      await pair.subscriber.subscribe(staying.handler);
      await unsubscribe();
      await pair.publisher.publish('after-unsubscribe');
      await staying.waitFor('after-unsubscribe');
      expect(gone.received).toEqual([]);
    });

    it('keeps delivering to other handlers when one throws', async () => {
      const healthy = recorder();
      await pair.subscriber.subscribe(() => {
        throw new Error('handler bug');
      });
      await pair.subscriber.subscribe(healthy.handler);
      await expect(pair.publisher.publish('still-delivered')).resolves.toBeUndefined();
      await healthy.waitFor('still-delivered');
    });

    it('delivers nothing to a closed bus', async () => {
      const [closed, open] = [recorder(), recorder()];
      await pair.subscriber.subscribe(closed.handler);
      await pair.publisher.subscribe(open.handler);
      await pair.subscriber.close();
      await pair.publisher.publish('after-close');
      await open.waitFor('after-close');
      expect(closed.received).toEqual([]);
    });
  });
}
