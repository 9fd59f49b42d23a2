import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigValidationError } from '../load-config';
import { dollarsPer1kToNanoPerMTok } from './dollars';
import { loadProvidersFile } from './load-providers-file';

describe('dollarsPer1kToNanoPerMTok', () => {
  it.each([
    ['0.0006', 600_000_000],
    [0.0006, 600_000_000],
    ['0.015', 15_000_000_000],
    ['0', 0],
    [1e-7, 100_000],
    ['0.000000000001', 1],
  ])('converts %p dollars per 1K exactly', (price, nano) => {
    expect(dollarsPer1kToNanoPerMTok(price)).toBe(nano);
  });

  it.each(['-1', 'abc', '0.0000000000001', '1e-3', ''])('refuses %p', (price) => {
    expect(dollarsPer1kToNanoPerMTok(price)).toBeUndefined();
  });
});

const NO_GENERATION_OVERRIDES = { temperature_by_mode: {}, temperature_by_task: {} };

describe('loadProvidersFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'llmgw-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('is empty without a path', () => {
    expect(loadProvidersFile(undefined)).toEqual({ providers: {}, routing: { task_routes: {}, fallback_map: {}, chains: {} }, generation: NO_GENERATION_OVERRIDES });
  });

  it("reads the generation section's temperatures and refuses an unknown mode or an absurd value", () => {
    const good = write('g.yaml', 'generation:\n  temperature_by_mode:\n    debug: 0.1\n  temperature_by_task:\n    sql_generation: 0\n');
    expect(loadProvidersFile(good).generation).toEqual({ temperature_by_mode: { debug: 0.1 }, temperature_by_task: { sql_generation: 0 } });
    expect(() => loadProvidersFile(write('m.yaml', 'generation:\n  temperature_by_mode:\n    dance: 0.1\n'))).toThrow(/generation\.temperature_by_mode/);
    expect(() => loadProvidersFile(write('t.yaml', 'generation:\n  temperature_by_task:\n    debugging: 3\n'))).toThrow(/generation\.temperature_by_task\.debugging/);
  });

  it('reads routing rules and refuses a task type that does not exist', () => {
    const good = write('r.yaml', 'routing:\n  task_routes:\n    sql_generation: qwen\n  fallback_map:\n    gpt-4o: [claude-sonnet-4-5]\n  chains:\n    high_quality: [claude-opus-4-1, gpt-4o]\n');
    expect(loadProvidersFile(good).routing).toEqual({
      task_routes: { sql_generation: 'qwen' },
      fallback_map: { 'gpt-4o': ['claude-sonnet-4-5'] },
      chains: { high_quality: ['claude-opus-4-1', 'gpt-4o'] },
    });
    const bad = write('b.yaml', 'routing:\n  task_routes:\n    poetry: qwen\n');
    expect(() => loadProvidersFile(bad)).toThrow(/routing\.task_routes/);
  });

  it('reads JSON and YAML to the same result, prices in nano-dollars per million tokens', () => {
    const json = write('c.json', JSON.stringify({ providers: { together: { timeout_ms: 30000, models: [{ id: 'qwen', context_window: 262144, cost_per_1k: '0.0006' }] } } }));
    const yaml = write('c.yaml', 'providers:\n  together:\n    timeout_ms: 30000\n    models:\n      - id: qwen\n        context_window: 262144\n        cost_per_1k: 0.0006\n');
    const expected = {
      providers: { together: { timeout_ms: 30000, models: [{ id: 'qwen', context_window: 262144, cost_per_1k: 600_000_000 }] } },
      routing: { task_routes: {}, fallback_map: {}, chains: {} },
      generation: NO_GENERATION_OVERRIDES,
    };
    expect(loadProvidersFile(json)).toEqual(expected);
    expect(loadProvidersFile(yaml)).toEqual(expected);
  });

  it('names the path of every bad field', () => {
    const file = write('bad.json', JSON.stringify({ providers: { openai: { models: [{ id: 'x', context_window: 'big', cost_per_1k: '-1' }], colour: 'red' } } }));
    try {
      loadProvidersFile(file);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toContain('providers.openai.models[0].context_window');
      expect(problems).toContain('providers.openai.models[0].cost_per_1k');
      expect(problems).toMatch(/providers\.openai.*colour/);
    }
  });

  it('refuses an unreadable or malformed file, naming it', () => {
    expect(() => loadProvidersFile(path.join(dir, 'missing.json'))).toThrow(/LLM_GATEWAY_CONFIG.*missing\.json/);
    expect(() => loadProvidersFile(write('broken.json', '{'))).toThrow(ConfigValidationError);
  });
});
