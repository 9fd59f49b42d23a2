import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type AdminRole, AdminUserEntity } from '../entities/admin-user.entity';
import { hashPassword } from '../secrets/password.hasher';
import { likeContains, type Page, type PageRequest, UUID_PATTERN } from './page';

export type AdminUserChange =
  | { kind: 'ok'; before: AdminUserEntity; after: AdminUserEntity | null }
  | { kind: 'not_found' }
  | { kind: 'last_admin' };

export interface NewAdminUser {
  email: string;
  password: string;
  role: AdminRole;
}

const normalise = (email: string) => email.trim().toLowerCase();

/** Data access for `admin_users`. Emails are compared lowercased; passwords are stored hashed. */
@Injectable()
export class AdminUserRepository {
  constructor(@InjectRepository(AdminUserEntity) private readonly users: Repository<AdminUserEntity>) {}

  /** The same repository inside a caller's transaction. */
  withManager(manager: EntityManager): AdminUserRepository {
    return new AdminUserRepository(manager.getRepository(AdminUserEntity));
  }

  findById(id: string): Promise<AdminUserEntity | null> {
    return UUID_PATTERN.test(id) ? this.users.findOneBy({ id }) : Promise.resolve(null);
  }

  /** Email order; `email` filters by substring. */
  async page(filter: { role?: AdminRole; email?: string }, page: PageRequest): Promise<Page<AdminUserEntity>> {
    const query = this.users.createQueryBuilder('user');
    if (filter.role !== undefined) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.email !== undefined) query.andWhere('user.email LIKE :email', { email: likeContains(filter.email.toLowerCase()) });
    const [items, total] = await query.orderBy('user.email', 'ASC').skip(page.offset).take(page.limit).getManyAndCount();
    return { items, total };
  }

  /**
   * Changes a user's role, refusing to demote the last admin. Call inside a transaction: the
   * admin rows stay locked until it ends, so two concurrent demotions cannot both pass.
   */
  async changeRole(id: string, role: AdminRole): Promise<AdminUserChange> {
    const guard = await this.lockForAdminChange(id);
    if (guard.kind !== 'ok') return guard;
    if (guard.before.role === 'admin' && role !== 'admin' && guard.admins <= 1) return { kind: 'last_admin' };
    await this.users.update({ id }, { role });
    return { kind: 'ok', before: guard.before, after: await this.users.findOneBy({ id }) };
  }

  /** Deletes a user, never the last admin. Call inside a transaction (see changeRole). */
  async delete(id: string): Promise<AdminUserChange> {
    const guard = await this.lockForAdminChange(id);
    if (guard.kind !== 'ok') return guard;
    if (guard.before.role === 'admin' && guard.admins <= 1) return { kind: 'last_admin' };
    await this.users.delete({ id });
    return { kind: 'ok', before: guard.before, after: null };
  }

  private async lockForAdminChange(
    id: string,
  ): Promise<{ kind: 'ok'; before: AdminUserEntity; admins: number } | { kind: 'not_found' }> {
    if (!UUID_PATTERN.test(id)) return { kind: 'not_found' };
    const admins: unknown[] = await this.users.query("SELECT id FROM admin_users WHERE role = 'admin' ORDER BY id FOR UPDATE");
    const before = await this.users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return before ? { kind: 'ok', before, admins: admins.length } : { kind: 'not_found' };
  }

  findByEmail(email: string): Promise<AdminUserEntity | null> {
    return this.users.findOneBy({ email: normalise(email) });
  }

  /** Creates the user, or returns null when one with this email already exists. */
  async create(input: NewAdminUser): Promise<AdminUserEntity | null> {
    const email = normalise(input.email);
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, passwordHash: await hashPassword(input.password), role: input.role })
      .orIgnore()
      .returning('id')
      .execute();
    return result.raw.length > 0 ? this.users.findOneBy({ email }) : null;
  }

  /**
   * Makes sure an admin with this email exists; an existing user (and their password) is left
   * alone. Returns true when this call created it. Safe under concurrent boots.
   */
  async ensureBootstrapAdmin(email: string, password: string): Promise<boolean> {
    if (await this.findByEmail(email)) return false;
    return (await this.create({ email, password, role: 'admin' })) !== null;
  }
}
