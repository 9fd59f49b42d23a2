import { usageEventFixture } from '../testing/usage-event.fixture';
import { checkUsageBatch } from './usage-batch.check';

describe('checkUsageBatch', () => {
  it('keeps a valid batch whole', () => {
    const events = [usageEventFixture(), usageEventFixture()];
    expect(checkUsageBatch({ batchId: 'b1', events })).toEqual({ kind: 'valid', batch: { batchId: 'b1', events }, rejected: [], rejectedFields: [] });
  });

  it('sets a malformed event aside and keeps the others', () => {
    const good = [usageEventFixture(), usageEventFixture()];
    const bad = { ...usageEventFixture(), promptTokens: -5 };
    const checked = checkUsageBatch({ batchId: 'b2', events: [good[0], bad, good[1]] });
    expect(checked).toEqual({ kind: 'valid', batch: { batchId: 'b2', events: good }, rejected: [bad], rejectedFields: ['promptTokens'] });
  });

  it('fills defaults of events that leave them out', () => {
    const { guardrailActions: _omitted, ...event } = usageEventFixture();
    const checked = checkUsageBatch({ batchId: 'b3', events: [event] });
    expect(checked.kind === 'valid' && checked.batch.events[0]!.guardrailActions).toEqual([]);
  });

  it('rejects a batch whose envelope is wrong, or with no valid event', () => {
    expect(checkUsageBatch({ events: [usageEventFixture()] })).toEqual({ kind: 'invalid', fields: ['batchId'] });
    expect(checkUsageBatch({ batchId: 'b4', events: [] })).toMatchObject({ kind: 'invalid' });
    expect(checkUsageBatch({ batchId: 'b5', events: [{ ...usageEventFixture(), promptTokens: -1 }] })).toEqual({ kind: 'invalid', fields: ['events.promptTokens'] });
  });
});
