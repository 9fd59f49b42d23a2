import { CHAT_TOOLS_VISION, EMBEDDINGS_ONLY } from '../openai-compatible/model-capabilities';
import { modelEntry } from '../openai-compatible/model-entry.factory';
import type { ModelEntry } from '../registry/model-entry';

// upstreamModel is the deployment name: these assume deployments named after the model; an
// operator with other names edits upstreamModel. Prices: Azure's Global Standard, equal to OpenAI's list.
export const AZURE_MODELS: ModelEntry[] = [
  {
    id: 'azure/gpt-4o-mini',
    upstreamModel: 'gpt-4o-mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    input: 150_000_000,
    output: 600_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'azure/gpt-4o',
    upstreamModel: 'gpt-4o',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    input: 2_500_000_000,
    output: 10_000_000_000,
    capabilities: CHAT_TOOLS_VISION,
    ownedBy: 'openai',
  },
  {
    id: 'azure/text-embedding-3-small',
    upstreamModel: 'text-embedding-3-small',
    contextWindow: 8_191,
    maxOutputTokens: 0,
    input: 20_000_000,
    output: 0,
    capabilities: EMBEDDINGS_ONLY,
    ownedBy: 'openai',
  },
].map((facts) => modelEntry('azure', facts));
