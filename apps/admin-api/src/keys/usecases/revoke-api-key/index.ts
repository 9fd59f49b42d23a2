export { RevokeApiKeyUseCase } from './revoke-api-key.usecase';
export type { RevokeApiKeyCommand } from './revoke-api-key.command';
