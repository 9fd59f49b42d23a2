import { ACCOUNTS_ENTITIES, ACCOUNTS_MIGRATIONS } from '@llmgw/accounts';
import { USAGE_ENTITIES, USAGE_MIGRATIONS } from '@llmgw/usage';

/** The whole platform schema: every entity and every migration, in the order they apply. */
export const ALL_ENTITIES = [...ACCOUNTS_ENTITIES, ...USAGE_ENTITIES];
export const ALL_MIGRATIONS = [...ACCOUNTS_MIGRATIONS, ...USAGE_MIGRATIONS];
