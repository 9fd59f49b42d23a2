import { OfflineEmbedder } from './offline-embedder';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe('OfflineEmbedder (Universal Sentence Encoder Lite in a worker thread)', () => {
  const embedder = new OfflineEmbedder();
  afterAll(() => embedder.close());

  it('returns one normalised 512-d vector per text, paraphrases closer than unrelated prompts', async () => {
    const [a, b, c] = await embedder.embed([
      'How do I reset my password?',
      'What are the steps to reset my password?',
      'Give me a recipe for banana bread',
    ]);
    expect(a).toHaveLength(512);
    expect(dot(a!, a!)).toBeCloseTo(1, 4);
    expect(dot(a!, b!)).toBeGreaterThan(0.6);
    expect(dot(a!, c!)).toBeLessThan(0.3);
  }, 60_000);

  it('serves concurrent callers from batches, each getting its own vector', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `question number ${i} about databases`);
    const one = await Promise.all(texts.map((text) => embedder.embed([text])));
    const together = await embedder.embed(texts);
    one.forEach(([vector], i) => expect(dot(vector!, together[i]!)).toBeCloseTo(1, 3));
  }, 60_000);

  it('rejects a request whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    await expect(embedder.embed(['x'], controller.signal)).rejects.toThrow('client went away');
  });
});
