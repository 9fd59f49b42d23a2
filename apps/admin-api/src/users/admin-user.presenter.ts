import type { AdminRole, AdminUserEntity } from '@llmgw/accounts';

/** An admin user as the API shows it: never the password hash. */
export interface AdminUserView {
  id: string;
  email: string;
  role: AdminRole;
  created_at: string;
}

export function presentAdminUser(user: AdminUserEntity): AdminUserView {
  return { id: user.id, email: user.email, role: user.role, created_at: user.createdAt.toISOString() };
}
