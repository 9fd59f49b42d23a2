export { CreateApiKeyUseCase } from './create-api-key.usecase';
export { createApiKeyRequestSchema } from './create-api-key.command';
export type { CreateApiKeyCommand, CreatedApiKey } from './create-api-key.command';
