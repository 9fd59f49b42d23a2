import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigValidationError } from '../load-config';
import { liveRoutingRules } from './live-routing-rules';
import type { ProvidersFile } from './providers-file.schema';
import { ProvidersFileSource } from './providers-file.source';

const eventually = async (check: () => void, timeoutMs = 4_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
};

describe('ProvidersFileSource', () => {
  let dir: string;
  let file: string;
  const sources: ProvidersFileSource[] = [];
  const open = (options = {}) => {
    const source = new ProvidersFileSource(file, { env: { CHAIN_HEAD: 'gpt-4o' }, ...options });
    sources.push(source);
    return source;
  };
  // Atomic replace, as editors and ConfigMaps do: a watcher must still see it.
  const write = (text: string) => {
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  };
  const chain = (head: string) => `routing:\n  chains:\n    best: ["${head}", claude-sonnet-4-5]\n`;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'llmgw-source-'));
    file = path.join(dir, 'llm_gateway_config.yaml');
    write(chain('${CHAIN_HEAD}'));
  });
  afterEach(() => {
    sources.splice(0).forEach((source) => source.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads at construction with env interpolation, and refuses to boot on a bad file', () => {
    expect(open().current().routing.chains).toEqual({ best: ['gpt-4o', 'claude-sonnet-4-5'] });
    write('routing:\n  chains:\n    best: ${UNSET}\n');
    expect(() => open()).toThrow(ConfigValidationError);
  });

  it('reloads on demand; a bad version is refused, counted and the last good one stays', () => {
    const source = open();
    const rules = liveRoutingRules(source);
    const applied: ProvidersFile[] = [];
    source.register({ apply: (next) => applied.push(next) });
    expect(source.reload()).toEqual({ status: 'unchanged', version: 1 });

    write(chain('gpt-4o-mini'));
    expect(source.reload()).toEqual({ status: 'reloaded', version: 2 });
    expect(rules.chains.best).toEqual(['gpt-4o-mini', 'claude-sonnet-4-5']);

    write('providers:\n  openai:\n    models:\n      - id: gpt-4o\n        context_window: big\n');
    const rejected = source.reload();
    expect(rejected).toMatchObject({ status: 'rejected', version: 2 });
    expect(rejected.status === 'rejected' && rejected.problems.join()).toMatch(/providers\.openai\.models\[0\]\.context_window: expected number/);
    expect(rules.chains.best).toEqual(['gpt-4o-mini', 'claude-sonnet-4-5']);
    expect(source.stats()).toMatchObject({ version: 2, reloads: 1, failures: 1 });
    expect(applied).toHaveLength(2); // the boot version and version 2, never the bad one
  });

  it('a consumer that cannot apply the new version vetoes it for everyone', () => {
    const source = open();
    const applied: string[] = [];
    source.register({ apply: () => applied.push('first') });
    source.register({
      validate: (next) => {
        if (next.routing.chains.best?.[0] === 'nope') throw new ConfigValidationError(['routing.chains.best[0]: unknown model']);
      },
      apply: () => applied.push('second'),
    });
    write(chain('nope'));
    expect(source.reload()).toMatchObject({ status: 'rejected', problems: ['routing.chains.best[0]: unknown model'] });
    expect(applied).toEqual(['first', 'second']);
    expect(source.current().routing.chains.best?.[0]).toBe('gpt-4o');
  });

  it('notices a change on disk by itself and tells reload listeners', async () => {
    const source = open({ pollIntervalMs: 50, debounceMs: 20 });
    const results: string[] = [];
    source.onReload((result) => results.push(result.status));
    source.watch();
    await new Promise((resolve) => setTimeout(resolve, 120));
    write(chain('deepseek-chat'));
    await eventually(() => expect(source.current().routing.chains.best?.[0]).toBe('deepseek-chat'));
    expect(results).toContain('reloaded');
    expect(source.stats().version).toBe(2);
  });
});
