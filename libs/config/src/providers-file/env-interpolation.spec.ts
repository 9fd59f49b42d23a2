import { interpolateEnv } from './env-interpolation';

describe('interpolateEnv', () => {
  const env = { KEY: 'sk-secret', TIMEOUT: '30000', ON: 'false', EMPTY: '' };

  it('replaces ${VAR} in every string of the tree, and ${VAR:-fallback} when unset or empty', () => {
    const { value, problems } = interpolateEnv(
      { a: 'Bearer ${KEY}', list: ['${MISSING:-x}', 'y'], nested: { b: '${EMPTY:-fallback}', n: 3, t: true, z: null } },
      env,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 'Bearer sk-secret', list: ['x', 'y'], nested: { b: 'fallback', n: 3, t: true, z: null } });
  });

  it('types a field that is only a placeholder as a number or boolean', () => {
    expect(interpolateEnv({ t: '${TIMEOUT}', f: '${ON}', d: '${PRICE:-0.0006}', s: 'v${TIMEOUT}' }, env).value).toEqual({
      t: 30000,
      f: false,
      d: 0.0006,
      s: 'v30000',
    });
  });

  it('names the field of every unset variable without a fallback', () => {
    const { problems } = interpolateEnv({ providers: { openai: { models: [{ id: '${MODEL_ID}' }] } } }, env);
    expect(problems).toEqual(['providers.openai.models[0].id: ${MODEL_ID} is not set (give a fallback with ${MODEL_ID:-value})']);
  });

  it('keeps $${VAR} as a literal and never parses a value as structure', () => {
    const { value } = interpolateEnv({ a: '$${KEY}', b: '${INJECT}' }, { INJECT: '{"x": [1]}\nnext: 2' });
    expect(value).toEqual({ a: '${KEY}', b: '{"x": [1]}\nnext: 2' });
  });
});
