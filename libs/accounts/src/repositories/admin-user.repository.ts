import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type AdminRole, AdminUserEntity } from '../entities/admin-user.entity';
import { hashPassword } from '../secrets/password.hasher';

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
