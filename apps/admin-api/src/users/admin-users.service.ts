import { Injectable } from '@nestjs/common';
import { type AdminRole, type AdminUserChange, AdminUserRepository } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import { AuditTrail } from '../audit/audit-trail';
import type { AuditActor } from '../common/audit-actor';
import { notFound } from '../common/not-found';
import { type AdminUserView, presentAdminUser } from './admin-user.presenter';

/** Admin users: passwords hashed by the repository (scrypt); the last admin is never removed. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: AdminUserRepository,
    private readonly trail: AuditTrail,
  ) {}

  create(actor: AuditActor, input: { email: string; password: string; role: AdminRole }): Promise<AdminUserView> {
    return this.trail.change(actor, async (manager) => {
      const user = await this.users.withManager(manager).create(input);
      if (!user)
        throw new GatewayError('invalid_request_error', 'email: an admin user with this email already exists', {
          param: 'email',
          code: 'email_taken',
        });
      const view = presentAdminUser(user);
      return { result: view, audit: { action: 'admin_user.create', resourceType: 'admin_user', resourceId: view.id, before: null, after: view } };
    });
  }

  changeRole(actor: AuditActor, id: string, role: AdminRole): Promise<AdminUserView> {
    return this.trail.change(actor, async (manager) => {
      const change = checked(await this.users.withManager(manager).changeRole(id, role), 'demote');
      const after = presentAdminUser(change.after!);
      return {
        result: after,
        audit: { action: 'admin_user.change_role', resourceType: 'admin_user', resourceId: id, before: presentAdminUser(change.before), after },
      };
    });
  }

  delete(actor: AuditActor, id: string): Promise<AdminUserView & { deleted: true }> {
    return this.trail.change(actor, async (manager) => {
      const before = presentAdminUser(checked(await this.users.withManager(manager).delete(id), 'delete').before);
      return {
        result: { ...before, deleted: true as const },
        audit: { action: 'admin_user.delete', resourceType: 'admin_user', resourceId: id, before, after: null },
      };
    });
  }
}

function checked(change: AdminUserChange, verb: 'demote' | 'delete') {
  if (change.kind === 'not_found') throw notFound('admin user', 'admin_user_not_found');
  if (change.kind === 'last_admin')
    throw new GatewayError('invalid_request_error', `Refusing to ${verb} the last admin: make another user admin first.`, {
      param: 'id',
      code: 'last_admin',
    });
  return change;
}
