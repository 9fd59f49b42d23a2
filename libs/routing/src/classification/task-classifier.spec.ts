import type { ChatCompletionRequest } from '@llmgw/contracts';
import { classifyTask } from './task-classifier';
import { LABELLED_PROMPTS, type LabelledPrompt } from './task-classifier.fixtures';

const requestOf = ({ prompt, system }: Pick<LabelledPrompt, 'prompt' | 'system'>): ChatCompletionRequest => ({
  model: 'auto',
  messages: [...(system ? [{ role: 'system' as const, content: system }] : []), { role: 'user' as const, content: prompt }],
});

describe('classifyTask', () => {
  it('labels at least 90% of the fixture set correctly', () => {
    const misses = LABELLED_PROMPTS.map((fixture) => ({ ...fixture, got: classifyTask(requestOf(fixture)).taskType })).filter(
      (result) => result.got !== result.expected,
    );
    const accuracy = 1 - misses.length / LABELLED_PROMPTS.length;
    expect(LABELLED_PROMPTS.length).toBeGreaterThanOrEqual(60);
    // On failure, the misses are what needs reading.
    expect(accuracy >= 0.9 ? [] : misses.map((miss) => `${miss.expected} -> ${miss.got}: ${miss.prompt}`)).toEqual([]);
  });

  it('covers every task type with several prompts', () => {
    const perType = new Map<string, number>();
    for (const { expected } of LABELLED_PROMPTS) perType.set(expected, (perType.get(expected) ?? 0) + 1);
    expect(perType.size).toBe(11);
    expect(Math.min(...perType.values())).toBeGreaterThanOrEqual(5);
  });

  it('obeys a valid header over the text, with full confidence', () => {
    const result = classifyTask(requestOf({ prompt: 'Write a SQL query for revenue' }), { header: 'yaml_config' });
    expect(result).toEqual({ taskType: 'yaml_config', confidence: 1, reason: "x-llmgw-task-type header says 'yaml_config'" });
  });

  it('prefers the header to metadata.task_type, and reads metadata from the request when no hint is given', () => {
    expect(classifyTask(requestOf({ prompt: 'hi' }), { header: 'analysis', metadataTaskType: 'debugging' }).taskType).toBe('analysis');
    const withMetadata = { ...requestOf({ prompt: 'hi' }), metadata: { task_type: 'Debugging' } };
    expect(classifyTask(withMetadata)).toMatchObject({ taskType: 'debugging', confidence: 1 });
  });

  it('ignores an invalid hint, says so, and falls back to the rules', () => {
    const result = classifyTask(requestOf({ prompt: 'Write a SQL query that counts orders per day' }), { header: 'sql' });
    expect(result.taskType).toBe('sql_generation');
    expect(result.reason).toContain("ignored invalid x-llmgw-task-type header 'sql'");
    expect(result.confidence).toBeLessThan(1);
  });

  it.each([
    ['Optimize this SQL query: SELECT * FROM orders JOIN customers ON ...', 'optimization'],
    ['Explain this Python code: def f(x): return [i*i for i in x]', 'explanation'],
    ['My YAML fails to parse with error: mapping values are not allowed here', 'debugging'],
    ['Convert this JSON to YAML', 'transformation'],
  ])('lets the intent beat the language it mentions: %s', (prompt, expected) => {
    expect(classifyTask(requestOf({ prompt })).taskType).toBe(expected);
  });

  it('weights the last user message over earlier ones', () => {
    const request: ChatCompletionRequest = {
      model: 'auto',
      messages: [
        { role: 'user', content: 'Explain what a YAML anchor is.' },
        { role: 'assistant', content: 'An anchor lets you reuse a node...' },
        { role: 'user', content: 'Now write a SQL query that joins users and orders and groups by country.' },
      ],
    };
    expect(classifyTask(request).taskType).toBe('sql_generation');
  });

  it('falls back to general with moderate confidence when nothing matches, and reads text parts', () => {
    expect(classifyTask(requestOf({ prompt: 'Write a limerick about cats' }))).toMatchObject({ taskType: 'general', confidence: 0.5 });
    const parts: ChatCompletionRequest = {
      model: 'auto',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Analyze the trends in this chart' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }],
    };
    expect(classifyTask(parts).taskType).toBe('analysis');
  });

  it('is more confident about a clear prompt than an ambiguous one, always within (0, 1)', () => {
    const clear = classifyTask(requestOf({ prompt: 'Write a SQL query with GROUP BY and a JOIN in Postgres' }));
    const ambiguous = classifyTask(requestOf({ prompt: 'Write Python to convert a CSV into JSON' }));
    expect(clear.confidence).toBeGreaterThan(ambiguous.confidence);
    for (const value of [clear.confidence, ambiguous.confidence]) expect(value > 0 && value < 1).toBe(true);
  });
});
