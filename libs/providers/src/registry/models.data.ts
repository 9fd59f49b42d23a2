import { ANTHROPIC_MODELS } from '../anthropic/anthropic.models';
import { AZURE_MODELS } from '../azure/azure.models';
import { COHERE_MODELS } from '../cohere/cohere.models';
import { DEEPSEEK_MODELS } from '../deepseek/deepseek.models';
import { GEMINI_MODELS } from '../gemini/gemini.models';
import { MISTRAL_MODELS } from '../mistral/mistral.models';
import { OLLAMA_MODELS } from '../ollama/ollama.models';
import { OPENAI_MODELS } from '../openai/openai.models';
import { OPENROUTER_MODELS } from '../openrouter/openrouter.models';
import { QWEN_MODELS } from '../qwen/qwen.models';
import { TOGETHER_MODELS } from '../together/together.models';
import type { ModelCapabilities, ModelEntry } from './model-entry';

// Prices are integer nano-dollars per million tokens, written out (never float arithmetic on
// money): $0.15 per 1M tokens is 150_000_000.

const CHAT_WITH_VISION: ModelCapabilities = {
  streaming: true,
  tools: true,
  jsonMode: true,
  vision: true,
  embeddings: false,
};
const CHAT_ONLY: ModelCapabilities = { ...CHAT_WITH_VISION, vision: false };

/** OpenAI's chat models and the built-in mock models; each provider folder lists its own. */
const CORE_MODELS: readonly ModelEntry[] = [
  {
    id: 'gpt-4o-mini',
    provider: 'openai',
    upstreamModel: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputNanoUsdPerMTok: 150_000_000,
    outputNanoUsdPerMTok: 600_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'gpt-4o',
    provider: 'openai',
    upstreamModel: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputNanoUsdPerMTok: 2_500_000_000,
    outputNanoUsdPerMTok: 10_000_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'gpt-4-turbo',
    provider: 'openai',
    upstreamModel: 'gpt-4-turbo',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    inputNanoUsdPerMTok: 10_000_000_000,
    outputNanoUsdPerMTok: 30_000_000_000,
    capabilities: CHAT_WITH_VISION,
    ownedBy: 'openai',
  },
  // Mock models cost something, so metering is testable end to end.
  {
    id: 'mock-1',
    provider: 'mock',
    upstreamModel: 'mock-1',
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    inputNanoUsdPerMTok: 1_000_000_000,
    outputNanoUsdPerMTok: 2_000_000_000,
    capabilities: CHAT_ONLY,
    ownedBy: 'llmgw',
  },
  {
    id: 'mock-fast',
    provider: 'mock',
    upstreamModel: 'mock-fast',
    contextWindow: 16_000,
    maxOutputTokens: 1_024,
    inputNanoUsdPerMTok: 100_000_000,
    outputNanoUsdPerMTok: 200_000_000,
    capabilities: CHAT_ONLY,
    ownedBy: 'llmgw',
  },
  {
    id: 'mock-embed',
    provider: 'mock',
    upstreamModel: 'mock-embed',
    contextWindow: 8_192,
    maxOutputTokens: 0,
    inputNanoUsdPerMTok: 20_000_000,
    outputNanoUsdPerMTok: 0,
    capabilities: { streaming: false, tools: false, jsonMode: false, vision: false, embeddings: true },
    ownedBy: 'llmgw',
  },
];

/** The whole catalogue: a new provider adds its `<name>.models.ts` here. */
export const MODELS: readonly ModelEntry[] = [
  ...CORE_MODELS,
  ...OPENAI_MODELS,
  ...AZURE_MODELS,
  ...ANTHROPIC_MODELS,
  ...GEMINI_MODELS,
  ...MISTRAL_MODELS,
  ...COHERE_MODELS,
  ...DEEPSEEK_MODELS,
  ...TOGETHER_MODELS,
  ...QWEN_MODELS,
  ...OPENROUTER_MODELS,
  ...OLLAMA_MODELS,
];
