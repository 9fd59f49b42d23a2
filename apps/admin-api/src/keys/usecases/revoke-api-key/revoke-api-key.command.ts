import type { AuditActor } from '../../../common/audit-actor';

export interface RevokeApiKeyCommand {
  actor: AuditActor;
  apiKeyId: string;
}
