import { AdminUserEntity } from './entities/admin-user.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { TeamEntity } from './entities/team.entity';
import { CreateAccounts1761000000001 } from './migrations/1761000000001-create-accounts.migration';
import { ApiKeyPolicy1761000000003 } from './migrations/1761000000003-api-key-policy.migration';

/** For the integrator's DataSource: every accounts entity and migration, in order. */
export const ACCOUNTS_ENTITIES = [TeamEntity, ApiKeyEntity, AdminUserEntity];
export const ACCOUNTS_MIGRATIONS = [CreateAccounts1761000000001, ApiKeyPolicy1761000000003];
