import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AdminUserRepository } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';

/**
 * Makes sure the admin from ADMIN_EMAIL exists. Without ADMIN_PASSWORD (the standalone demo)
 * a strong password is generated and printed once, only when this boot created the admin:
 * later boots find the admin and print nothing.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly users: AdminUserRepository,
    private readonly config: ConfigService<AdminConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const configured = this.config.get('ADMIN_PASSWORD', { infer: true });
    const password = configured ?? randomBytes(18).toString('base64url');
    const created = await this.users.ensureBootstrapAdmin(email, password);
    if (!created) return;
    this.logger.log('bootstrap admin created');
    if (!configured) process.stdout.write(passwordBox(email, password));
  }
}

function passwordBox(email: string, password: string): string {
  const lines = [
    'Admin account created. This password is shown ONCE:',
    '',
    `  email     ${email}`,
    `  password  ${password}`,
    '',
    'Log in: POST /admin/auth/login. Set ADMIN_PASSWORD to choose it yourself.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const border = `+${'-'.repeat(width + 2)}+`;
  return ['', border, ...lines.map((line) => `| ${line.padEnd(width)} |`), border, ''].join('\n') + '\n';
}
