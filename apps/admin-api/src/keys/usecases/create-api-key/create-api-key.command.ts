import type { AuditActor } from '../../../common/audit-actor';
import type { CreateApiKeyInput } from '../../api-key.schemas';

export interface CreateApiKeyCommand {
  actor: AuditActor;
  input: CreateApiKeyInput;
  /** Set by rotation: the key this one replaces. */
  rotatedFrom?: string;
}
