import type { AuditActor } from '../../../common/audit-actor';
import type { RotateApiKeyInput } from '../../api-key.schemas';
import type { ApiKeyView, CreatedApiKey } from '../../api-key.presenter';

export interface RotateApiKeyCommand {
  actor: AuditActor;
  apiKeyId: string;
  input: RotateApiKeyInput;
}

/** The successor with its secret (shown once), and the old key with its new, nearer expiry. */
export type RotatedApiKey = CreatedApiKey & { previous: ApiKeyView };
