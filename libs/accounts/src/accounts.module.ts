import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUserEntity } from './entities/admin-user.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { TeamEntity } from './entities/team.entity';
import { AdminUserRepository } from './repositories/admin-user.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { TeamRepository } from './repositories/team.repository';

const REPOSITORIES = [ApiKeyRepository, AdminUserRepository, TeamRepository, AuditLogRepository];

/** The accounts repositories. Needs a TypeOrmModule.forRoot connection listing ACCOUNTS_ENTITIES. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, ApiKeyEntity, AdminUserEntity, AuditLogEntity])],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class AccountsModule {}
