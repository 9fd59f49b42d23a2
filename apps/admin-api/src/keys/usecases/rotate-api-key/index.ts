export { RotateApiKeyUseCase } from './rotate-api-key.usecase';
export type { RotateApiKeyCommand, RotatedApiKey } from './rotate-api-key.command';
