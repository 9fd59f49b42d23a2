import { openAiSchemaErrors } from '../openapi/openai-spec.validator';
import { startMockOpenAiUpstream, type MockUpstream } from './mock-upstream';
import { DEFAULT_UPSTREAM_BEHAVIOUR } from './upstream-behaviour';

// The additions for OpenAI-compatible vendors: embeddings, tool calls, any path prefix (Azure
// deployments), usage sent unasked, refused parameters.
describe('mock OpenAI upstream, vendor quirks', () => {
  let upstream: MockUpstream;
  const origin = () => upstream.baseUrl.replace(/\/v1$/, '');
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${origin()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const chat = { model: 'm', messages: [{ role: 'user', content: 'two words' }] };
  const dataOf = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter((event) => event && !event.includes('[DONE]'))
      .map((event) => JSON.parse(event.replace(/^data: /, '')) as { choices: unknown[]; usage?: unknown });

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
  });

  afterAll(() => upstream.close());

  beforeEach(() => upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR));

  it('embeds under any prefix, in OpenAI’s shape with word-count usage', async () => {
    const body = (await (await post('/v1/embeddings', { model: 'e', input: ['a b', 'c'] })).json()) as Json;
    expect(openAiSchemaErrors('CreateEmbeddingResponse', body)).toEqual([]);
    expect(body.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it('serves Azure deployment paths, naming the model after the deployment, and records the query', async () => {
    const path = '/openai/deployments/my-dep/chat/completions?api-version=2024-10-21';
    const body = (await (await post(path, { messages: chat.messages })).json()) as Json;
    expect(body.model).toBe('my-dep');
    expect(upstream.requests.at(-1)).toMatchObject({
      path: '/openai/deployments/my-dep/chat/completions',
      query: 'api-version=2024-10-21',
    });
  });

  it('answers a tool call, plain (schema-valid) and streamed', async () => {
    const toolCall = JSON.stringify({ name: 'f', arguments: '{"a":1}' });
    const plain = (await (await post('/v1/chat/completions', chat, { 'x-mock-tool-call': toolCall })).json()) as Json;
    expect(openAiSchemaErrors('CreateChatCompletionResponse', plain)).toEqual([]);
    expect(plain.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { tool_calls: [{ function: { name: 'f' } }] },
    });
    const chunks = await dataOf(
      await post('/v1/chat/completions', { ...chat, stream: true }, { 'x-mock-tool-call': toolCall }),
    );
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
  });

  it('sends usage unasked on the finish chunk or as a last chunk, as the vendor does', async () => {
    const onFinish = await dataOf(
      await post('/v1/chat/completions', { ...chat, stream: true }, { 'x-mock-usage-unasked': 'on-finish-chunk' }),
    );
    expect(onFinish.at(-1)).toMatchObject({ choices: [{ finish_reason: 'stop' }], usage: { prompt_tokens: 5 } });
    const separate = await dataOf(
      await post('/v1/chat/completions', { ...chat, stream: true }, { 'x-mock-usage-unasked': 'separate-chunk' }),
    );
    expect(separate.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5 } });
  });

  it('refuses configured parameters with a 400', async () => {
    const response = await post('/v1/chat/completions', { ...chat, seed: 1 }, { 'x-mock-reject-params': 'seed,user' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'seed', code: 'unknown_parameter' } });
  });
});
