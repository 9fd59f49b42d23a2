import type { ModelCapabilities } from '../registry/model-entry';

// Capability sets vendors' model lists share.
export const CHAT_TOOLS: ModelCapabilities = {
  streaming: true,
  tools: true,
  jsonMode: true,
  vision: false,
  embeddings: false,
};
export const CHAT_TOOLS_VISION: ModelCapabilities = { ...CHAT_TOOLS, vision: true };
export const EMBEDDINGS_ONLY: ModelCapabilities = {
  streaming: false,
  tools: false,
  jsonMode: false,
  vision: false,
  embeddings: true,
};
