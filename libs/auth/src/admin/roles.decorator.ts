import { SetMetadata } from '@nestjs/common';
import type { AdminRole } from '@llmgw/accounts';

export const ROLES_KEY = 'llmgw:roles';

/** The roles allowed on a route or controller (any of them). Checked by RolesGuard. */
export const Roles = (...roles: AdminRole[]) => SetMetadata(ROLES_KEY, roles);
