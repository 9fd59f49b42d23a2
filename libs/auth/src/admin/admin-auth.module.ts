import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '@llmgw/accounts';
import type { AdminConfig } from '@llmgw/config';
import { AdminAuthService } from './admin-auth.service';
import { ExternalJwtStrategy, externalJwtIssuer } from './external-jwt.strategy';
import { EXTERNAL_JWT_ISSUER, JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { RolesGuard } from './roles.guard';

/**
 * Admin login and JWT verification: local HS256 tokens, plus an external identity provider's
 * RS256/ES256 tokens when JWT_EXTERNAL_* is configured. Needs the global ConfigService with an AdminConfig and a
 * TypeORM connection that lists ACCOUNTS_ENTITIES. Guard routes with
 * `@UseGuards(JwtAuthGuard, RolesGuard)` and `@Roles('admin')`.
 */
@Module({
  imports: [
    AccountsModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AdminConfig, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.get('JWT_EXPIRES_IN_SECONDS', { infer: true }),
          issuer: config.get('JWT_ISSUER', { infer: true }),
          audience: config.get('JWT_AUDIENCE', { infer: true }),
        },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    JwtStrategy,
    { provide: EXTERNAL_JWT_ISSUER, inject: [ConfigService], useFactory: externalJwtIssuer },
    // Registered with passport only when configured (its constructor needs a key).
    {
      provide: ExternalJwtStrategy,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AdminConfig, true>) => (externalJwtIssuer(config) ? new ExternalJwtStrategy(config) : null),
    },
    AdminAuthService,
    JwtAuthGuard,
    RolesGuard,
  ],
  exports: [AdminAuthService, JwtAuthGuard, RolesGuard, EXTERNAL_JWT_ISSUER],
})
export class AdminAuthModule {}
