import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { AdminUserRepository, hashPassword, verifyPassword } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';
import type { AdminTokenClaims } from './admin-principal';

export interface AccessToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** Email and password in, signed admin token out. */
@Injectable()
export class AdminAuthService {
  // Verified against when the email is unknown, so both failures take the same time.
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly users: AdminUserRepository,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AdminConfig, true>,
  ) {}

  async login(email: string, password: string): Promise<AccessToken> {
    const user = await this.users.findByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.dummy()));
    if (!user || !valid)
      throw new GatewayError('authentication_error', 'Incorrect email or password.', { code: 'invalid_credentials' });
    const claims: AdminTokenClaims = { sub: user.id, email: user.email, role: user.role };
    const expiresIn = this.config.get('JWT_EXPIRES_IN_SECONDS', { infer: true });
    return { access_token: await this.jwt.signAsync(claims), token_type: 'Bearer', expires_in: expiresIn };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('dummy password that never matches');
    return this.dummyHash;
  }
}
