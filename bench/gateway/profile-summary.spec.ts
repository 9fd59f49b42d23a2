import { selfTimes } from './profile-summary';

describe('cpuprofile self times', () => {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('admit', 'file:///tmp/build/libs/usage/src/admission.js') },
      { id: 3, callFrame: frame('parse', 'file:///work/main/node_modules/zod/index.js') },
      { id: 4, callFrame: frame('create', 'file:///tmp/build/apps/gateway/src/chat.js') },
    ],
    samples: [2, 2, 3, 4, 1],
    timeDeltas: [1000, 1000, 4000, 2000, 2000],
  };

  it('adds sample time per function and singles out apps/ and libs/ outside node_modules', () => {
    const summary = selfTimes(profile);
    expect(summary.total).toBe(10);
    expect(summary.all[0]).toMatchObject({ name: 'parse', location: 'node_modules/zod/index.js:10', ms: 4 });
    expect(summary.ours.map((row) => [row.name, row.location, row.ms])).toEqual([
      ['admit', 'libs/usage/src/admission.js:10', 2],
      ['create', 'apps/gateway/src/chat.js:10', 2],
    ]);
    expect(summary.oursShare).toBeCloseTo(0.4);
  });
});
