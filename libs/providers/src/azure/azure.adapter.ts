import { compatibleProfile } from '../openai-compatible/compatible-vendor';
import { OpenAiCompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import type { OpenAiCompatibleProfile } from '../openai-compatible/openai-compatible.profile';
import type { ModelEntry } from '../registry/model-entry';

export const AZURE_OPENAI_DEFAULT_API_VERSION = '2024-10-21';

export interface AzureOpenAiAdapterOptions {
  /** The resource endpoint, e.g. 'https://my-resource.openai.azure.com'. */
  endpoint: string;
  apiKey: string;
  /** Defaults to the GA version '2024-10-21'. */
  apiVersion?: string | undefined;
  id?: string;
  connections?: number;
}

/**
 * Azure OpenAI: the model is a deployment in the path (`ModelEntry.upstreamModel` is the
 * deployment name, not sent in the body), the version a query parameter, the key an `api-key` header.
 */
export function azureOpenAiProfile(options: AzureOpenAiAdapterOptions): OpenAiCompatibleProfile {
  const url = new URL(options.endpoint);
  const prefix = url.pathname.replace(/\/+$/, '');
  const version = encodeURIComponent(options.apiVersion ?? AZURE_OPENAI_DEFAULT_API_VERSION);
  const deploymentPath = (model: ModelEntry, operation: string) =>
    `${prefix}/openai/deployments/${encodeURIComponent(model.upstreamModel)}/${operation}?api-version=${version}`;
  const withoutModel = ({ model: _model, ...body }: Record<string, unknown>) => body;
  return {
    ...compatibleProfile({
      id: options.id ?? 'azure',
      baseUrl: url.origin,
      headers: { 'api-key': options.apiKey },
      connections: options.connections,
    }),
    chatPath: (model) => deploymentPath(model, 'chat/completions'),
    embeddingsPath: (model) => deploymentPath(model, 'embeddings'),
    // The resource's model list (not per deployment): authenticated and free.
    modelsPath: () => `${prefix}/openai/models?api-version=${version}`,
    chatBody: withoutModel,
    embeddingBody: withoutModel,
  };
}

export class AzureOpenAiAdapter extends OpenAiCompatibleAdapter {
  constructor(options: AzureOpenAiAdapterOptions) {
    super(azureOpenAiProfile(options));
  }
}
