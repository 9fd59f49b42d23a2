import { CHAT_TOOLS } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// DeepSeek's published prices (V3.2, Dec 2025): $0.28 per 1M input (cache miss), $0.42 output,
// 128K context, for both modes. The seed "DeepSeek Coder: 16K, $0.0014/1K" is the retired
// DeepSeek Coder; DeepSeek merged it into deepseek-chat, so 'deepseek-coder' is kept as an alias
// of deepseek-chat at today's price for clients that still send it.
const V3_2 = {
  contextWindow: 128_000,
  input: 280_000_000,
  output: 420_000_000,
  capabilities: CHAT_TOOLS,
  ownedBy: 'deepseek',
};

export const DEEPSEEK_MODELS: ModelEntry[] = [
  { id: 'deepseek-chat', maxOutputTokens: 8_192, ...V3_2 },
  { id: 'deepseek-reasoner', maxOutputTokens: 65_536, ...V3_2 },
  { id: 'deepseek-coder', upstreamModel: 'deepseek-chat', maxOutputTokens: 8_192, ...V3_2 },
].map((facts) => modelEntry('deepseek', facts));
