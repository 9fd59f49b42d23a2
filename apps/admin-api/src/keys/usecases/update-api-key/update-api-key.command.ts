import type { AuditActor } from '../../../common/audit-actor';
import type { UpdateApiKeyInput } from '../../api-key.schemas';

export interface UpdateApiKeyCommand {
  actor: AuditActor;
  apiKeyId: string;
  input: UpdateApiKeyInput;
}
