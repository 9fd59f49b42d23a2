import { createHash, randomBytes } from 'node:crypto';
import { countWords } from '../mock-upstream/upstream-replies';
import type { GeminiFunctionCall, GeminiUpstreamBehaviour } from './gemini-upstream-behaviour';

interface GeminiPartIn {
  text?: unknown;
}
export interface GeminiRequestBody {
  contents?: Array<{ parts?: GeminiPartIn[] }>;
  systemInstruction?: { parts?: GeminiPartIn[] };
}

/**
 * The mock's token counts, simple on purpose so tests can predict them: prompt tokens are the
 * whitespace-separated words of every text part (system instruction included) plus 3 per content;
 * candidate tokens are the words of the reply (or of the function calls' JSON).
 */
export function mockGeminiUsage(body: GeminiRequestBody, answer: string, thoughtsTokens = 0) {
  const words = (parts: GeminiPartIn[] | undefined) =>
    (parts ?? []).reduce((sum, part) => sum + (typeof part.text === 'string' ? countWords(part.text) : 0), 0);
  const contents = body.contents ?? [];
  const promptTokenCount =
    contents.reduce((sum, content) => sum + 3 + words(content.parts), 0) + words(body.systemInstruction?.parts);
  const candidatesTokenCount = countWords(answer);
  return {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokens,
    ...(thoughtsTokens > 0 ? { thoughtsTokenCount: thoughtsTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }],
  };
}

/** What the answer says, for counting: the reply, or the function calls as JSON. */
export function answerOf(behaviour: GeminiUpstreamBehaviour): string {
  return behaviour.functionCalls
    ? behaviour.functionCalls.map((call) => JSON.stringify(call)).join(' ')
    : behaviour.reply;
}

const responseId = () => randomBytes(12).toString('base64url');

/** A GenerateContentResponse for `model`, as generateContent answers. */
export function generateContentBody(
  model: string,
  body: GeminiRequestBody,
  behaviour: GeminiUpstreamBehaviour,
): object {
  if (behaviour.blockReason) return blockedBody(model, body, behaviour);
  const parts = behaviour.functionCalls ? behaviour.functionCalls.map(functionCallPart) : [{ text: behaviour.reply }];
  return {
    candidates: [{ content: { parts, role: 'model' }, finishReason: behaviour.finishReason, index: 0 }],
    ...usageOf(body, answerOf(behaviour), behaviour),
    modelVersion: model,
    responseId: responseId(),
  };
}

/**
 * The `data:` events of streamGenerateContent?alt=sse: each a GenerateContentResponse with only
 * the new parts and the running usage; the last has the finish reason and the full counts.
 */
export function streamEventBodies(
  model: string,
  body: GeminiRequestBody,
  behaviour: GeminiUpstreamBehaviour,
): object[] {
  if (behaviour.blockReason) return [blockedBody(model, body, behaviour)];
  const id = responseId();
  const prompt = mockGeminiUsage(body, '').promptTokenCount;
  // Gemini sends function calls whole, never split across events.
  const pieces: object[][] = behaviour.functionCalls
    ? [behaviour.functionCalls.map(functionCallPart)]
    : splitInto(behaviour.reply, behaviour.streamChunks).map((text) => [{ text }]);
  return pieces.map((parts, index) => {
    const last = index === pieces.length - 1;
    const running = { usageMetadata: { promptTokenCount: prompt, totalTokenCount: prompt } };
    return {
      candidates: [
        { content: { parts, role: 'model' }, ...(last ? { finishReason: behaviour.finishReason } : {}), index: 0 },
      ],
      ...(!behaviour.includeUsage ? {} : last ? usageOf(body, answerOf(behaviour), behaviour) : running),
      modelVersion: model,
      responseId: id,
    };
  });
}

function blockedBody(model: string, body: GeminiRequestBody, behaviour: GeminiUpstreamBehaviour): object {
  return {
    promptFeedback: {
      blockReason: behaviour.blockReason,
      safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }],
    },
    ...usageOf(body, '', { ...behaviour, thoughtsTokens: 0 }),
    modelVersion: model,
    responseId: responseId(),
  };
}

function usageOf(body: GeminiRequestBody, answer: string, behaviour: GeminiUpstreamBehaviour): object {
  if (!behaviour.includeUsage) return {};
  const usage = mockGeminiUsage(body, answer, behaviour.thoughtsTokens);
  return { usageMetadata: answer === '' ? { ...usage, candidatesTokenCount: undefined } : usage };
}

const functionCallPart = (call: GeminiFunctionCall) => ({ functionCall: { name: call.name, args: call.args } });

/** A deterministic unit-ish vector for `text`: same text, same embedding. */
export function mockEmbedding(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) {
      values.push(Number(((digest.readUInt16BE(i) / 65_535) * 2 - 1).toFixed(6)));
    }
  }
  return values;
}

/** `count` consecutive pieces of `text` (by characters), joining back to it exactly. */
function splitInto(text: string, count: number): string[] {
  const pieces = Math.max(1, Math.min(count, text.length));
  const size = Math.ceil(text.length / pieces);
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size) result.push(text.slice(start, start + size));
  return result;
}
