import { EventEmitter } from 'node:events';
import { describeKeyRevocationBusContract } from './key-revocation.bus.contract';
import { InProcessKeyRevocationBus } from './in-process-key-revocation.bus';

describeKeyRevocationBusContract('InProcessKeyRevocationBus', async () => {
  // Two buses on one emitter: the admin API and the gateway inside one standalone process.
  const emitter = new EventEmitter();
  const publisher = new InProcessKeyRevocationBus(emitter);
  const subscriber = new InProcessKeyRevocationBus(emitter);
  return {
    publisher,
    subscriber,
    dispose: async () => {
      await Promise.all([publisher.close(), subscriber.close()]);
    },
  };
});

describe('InProcessKeyRevocationBus default emitter', () => {
  it('is shared by every instance in the process', async () => {
    const [admin, gateway] = [new InProcessKeyRevocationBus(), new InProcessKeyRevocationBus()];
    const received: string[] = [];
    await gateway.subscribe((id) => received.push(id));
    await admin.publish('shared-key');
    expect(received).toEqual(['shared-key']);
    await gateway.close();
  });
});
