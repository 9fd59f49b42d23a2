import { InMemoryVectorLog } from './in-memory-vector-log';
import { describeVectorLogContract } from './vector-log.contract';

describeVectorLogContract('in-memory', () => {
  const log = new InMemoryVectorLog({ maxRecords: 100 });
  return { writer: log, reader: () => log };
});
