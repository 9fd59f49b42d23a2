import { AdminUserEntity } from './entities/admin-user.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { TeamEntity } from './entities/team.entity';
import { CreateAccounts1761000000001 } from './migrations/1761000000001-create-accounts.migration';
import { ApiKeyPolicy1761000000003 } from './migrations/1761000000003-api-key-policy.migration';
import { AuditLog1761000000020 } from './migrations/1761000000020-audit-log.migration';
import { ApiKeyRotation1761000000021 } from './migrations/1761000000021-api-key-rotation.migration';

/** For the integrator's DataSource: every accounts entity and migration, in order. */
export const ACCOUNTS_ENTITIES = [TeamEntity, ApiKeyEntity, AdminUserEntity, AuditLogEntity];
export const ACCOUNTS_MIGRATIONS = [
  CreateAccounts1761000000001,
  ApiKeyPolicy1761000000003,
  AuditLog1761000000020,
  ApiKeyRotation1761000000021,
];
