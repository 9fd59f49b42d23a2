import { EventEmitter } from 'node:events';
import { describeControlChannelContract } from './control-channel.contract';
import { InProcessControlChannel } from './in-process-control-channel';

describeControlChannelContract('InProcessControlChannel', async () => {
  // Two buses on one emitter: the admin API and the gateway inside one standalone process.
  const emitter = new EventEmitter();
  const publisher = new InProcessControlChannel('test-channel', emitter);
  const subscriber = new InProcessControlChannel('test-channel', emitter);
  return {
    publisher,
    subscriber,
    dispose: async () => {
      await Promise.all([publisher.close(), subscriber.close()]);
    },
  };
});

describe('InProcessControlChannel default emitter', () => {
  it('is shared by every instance in the process', async () => {
    const [admin, gateway] = [new InProcessControlChannel('shared-channel'), new InProcessControlChannel('shared-channel')];
    const received: string[] = [];
    await gateway.subscribe((id) => received.push(id));
    await admin.publish('shared-key');
    expect(received).toEqual(['shared-key']);
    await gateway.close();
  });
});

describe('InProcessControlChannel channels', () => {
  it('delivers only to subscribers of the same channel', async () => {
    const emitter = new EventEmitter();
    const [keys, routes] = [new InProcessControlChannel('keys', emitter), new InProcessControlChannel('routes', emitter)];
    const received: string[] = [];
    await routes.subscribe((message) => received.push(message));
    await keys.publish('key-1');
    await routes.publish('clear');
    expect(received).toEqual(['clear']);
    await Promise.all([keys.close(), routes.close()]);
  });
});
