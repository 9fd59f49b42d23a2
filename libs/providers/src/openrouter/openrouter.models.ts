import { CHAT_TOOLS_VISION } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// OpenRouter bills the underlying provider's list price; ids carry 'openrouter/' so they never
// collide with the same model reached directly.
export const OPENROUTER_MODELS: ModelEntry[] = [
  {
    id: 'openrouter/openai/gpt-4o-mini',
    upstreamModel: 'openai/gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    input: 150_000_000,
    output: 600_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'openrouter/anthropic/claude-3.5-sonnet',
    upstreamModel: 'anthropic/claude-3.5-sonnet',
    contextWindow: 200_000,
    maxOutputTokens: 8_192,
    input: 3_000_000_000,
    output: 15_000_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'anthropic',
  },
].map((facts) => modelEntry('openrouter', facts));
