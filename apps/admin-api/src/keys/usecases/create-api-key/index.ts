export { CreateApiKeyUseCase } from './create-api-key.usecase';
export type { CreateApiKeyCommand } from './create-api-key.command';
