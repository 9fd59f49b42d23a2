import { extractArtifacts } from './generation-artifacts';
import { temperatureFor } from './generation-defaults';
import { generationMessages } from './generation-prompt';
import { generateRequestSchema } from './generate.request';
import { ruleBasedArtifact } from './rule-based-fallback';

const request = (extra: Record<string, unknown> = {}) => generateRequestSchema.parse({ intent: 'count orders per customer', ...extra });

describe('generation defaults', () => {
  it('prefers the caller, then an explicit mode, then the task, then the configured default', () => {
    const base = { mode: 'debug' as const, taskType: 'sql_generation' as const, fallback: 0.7 };
    expect(temperatureFor({ ...base, requested: 0.9, modeGiven: true })).toBe(0.9);
    expect(temperatureFor({ ...base, modeGiven: true })).toBe(0.05);
    expect(temperatureFor({ ...base, modeGiven: false })).toBe(0.1);
    expect(temperatureFor({ ...base, taskType: 'general', modeGiven: false })).toBe(0.7);
  });

  it("takes the providers file's tables over the built-in ones", () => {
    const overrides = { temperature_by_mode: { debug: 0.3 }, temperature_by_task: { sql_generation: 0.4 } };
    const base = { mode: 'debug' as const, taskType: 'sql_generation' as const, fallback: 0.7, overrides };
    expect(temperatureFor({ ...base, modeGiven: true })).toBe(0.3);
    expect(temperatureFor({ ...base, modeGiven: false })).toBe(0.4);
    expect(temperatureFor({ ...base, mode: 'describe', modeGiven: true })).toBe(0.15);
  });
});

describe('generation prompt and artifacts', () => {
  it('asks for fenced blocks in the task language and carries sources, targets and hints', () => {
    const [system, user] = generationMessages(request({ sources: ['orders'], targets: ['report'], hints: { dialect: 'postgres' } }), 'sql_generation');
    expect(system?.content).toContain('```sql');
    expect(user?.content).toMatch(/Sources:[\s\S]*orders[\s\S]*Targets:[\s\S]*report[\s\S]*postgres/);
  });

  it('extracts every fenced block, or the whole answer when there is none', () => {
    expect(extractArtifacts('Here:\n```sql\nSELECT 1;\n```\nand\n```\nSELECT 2;\n```', 'sql')).toEqual([
      { language: 'sql', content: 'SELECT 1;' },
      { language: 'sql', content: 'SELECT 2;' },
    ]);
    expect(extractArtifacts('  plain answer ', 'markdown')).toEqual([{ language: 'markdown', content: 'plain answer' }]);
  });
});

describe('rule-based fallback', () => {
  it('names a valid source, refuses to inject an odd one, and says it is a template', () => {
    expect(ruleBasedArtifact(request({ sources: [{ table: 'sales.orders' }] }), 'sql_generation').content).toMatch(/Template answer[\s\S]*FROM sales\.orders/);
    expect(ruleBasedArtifact(request({ sources: ['x; DROP TABLE y'] }), 'sql_generation').content).toContain('FROM your_table');
    expect(ruleBasedArtifact(request(), 'python_code').language).toBe('python');
  });
});
