import { EventEmitter } from 'node:events';
import { InProcessControlChannel } from '@llmgw/control-bus';
import type { DataSource } from 'typeorm';
import { BudgetChangeListener } from './budget-change.channel';
import { BudgetDirectory } from './budget.directory';

describe('BudgetChangeListener', () => {
  it('makes the next budget lookup read Postgres again when an admin publishes a change', async () => {
    let reads = 0;
    const dataSource = { query: async () => (reads += 1, []) } as unknown as DataSource;
    const directory = new BudgetDirectory(dataSource).configure(60_000);
    const emitter = new EventEmitter();
    const [gateway, admin] = [new InProcessControlChannel('budgets', emitter), new InProcessControlChannel('budgets', emitter)];
    const listener = new BudgetChangeListener(gateway, directory);
    await listener.onModuleInit();

    await directory.budgetsFor('key', null);
    await directory.budgetsFor('key', null);
    expect(reads).toBe(1); // cached within the TTL
    await admin.publish('changed');
    await directory.budgetsFor('key', null);
    expect(reads).toBe(2);

    await listener.onModuleDestroy();
    await admin.publish('changed');
    await directory.budgetsFor('key', null);
    expect(reads).toBe(2);
  });
});
