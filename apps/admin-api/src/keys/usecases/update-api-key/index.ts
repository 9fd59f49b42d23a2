export { UpdateApiKeyUseCase } from './update-api-key.usecase';
export type { UpdateApiKeyCommand } from './update-api-key.command';
