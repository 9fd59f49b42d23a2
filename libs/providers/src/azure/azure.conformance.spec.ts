import path from 'node:path';
import { startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import { describeCompatibleVendor, errorBodiesFrom } from '../openai-compatible/compatible-vendor.contract';
import { describeAdapterConformance, onMockOpenAiUpstream } from '../provider-adapter.contract';
import { AzureOpenAiAdapter } from './azure.adapter';
import { AZURE_MODELS } from './azure.models';

// Azure OpenAI: deployments in the path, api-version query, api-key header; the mock's origin is the endpoint.
const behaviour: Partial<UpstreamBehaviour> = {};
const chatModel = AZURE_MODELS.find((model) => model.id === 'azure/gpt-4o-mini')!;
const make = (baseUrl: string) =>
  new AzureOpenAiAdapter({ endpoint: baseUrl.replace(/\/v1$/, ''), apiKey: 'azure-conformance' });

describeAdapterConformance('azure', onMockOpenAiUpstream(make, chatModel, behaviour));

describeCompatibleVendor('azure', async () => {
  const upstream = await startMockOpenAiUpstream();
  return {
    adapter: make(upstream.baseUrl),
    upstream,
    chatModel,
    embeddingModel: AZURE_MODELS.find((model) => model.id === 'azure/text-embedding-3-small')!,
    behaviour,
    errorBodies: errorBodiesFrom(path.join(__dirname, '__fixtures__')),
  };
});
