export interface RevokeApiKeyCommand {
  apiKeyId: string;
}
