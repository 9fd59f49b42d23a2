import { describeExactCacheStoreContract } from './exact-cache.store.contract';
import { InMemoryExactCacheStore } from './in-memory-exact-cache.store';

describeExactCacheStoreContract('in-memory', () => (maxEntries = 1_000) => new InMemoryExactCacheStore({ maxEntries }));
