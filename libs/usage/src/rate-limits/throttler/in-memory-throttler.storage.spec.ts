import { describeThrottlerStorageContract } from './throttler-storage.contract';
import { InMemoryThrottlerStorage } from './in-memory-throttler.storage';

describeThrottlerStorageContract('in-memory', () => {
  let now = 1_700_000_000_000;
  return {
    storage: new InMemoryThrottlerStorage(() => now),
    advance: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
});
