import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUserEntity } from './entities/admin-user.entity';
import { ApiKeyEntity } from './entities/api-key.entity';
import { TeamEntity } from './entities/team.entity';
import { AdminUserRepository } from './repositories/admin-user.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';

/** The accounts repositories. Needs a TypeOrmModule.forRoot connection listing ACCOUNTS_ENTITIES. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamEntity, ApiKeyEntity, AdminUserEntity])],
  providers: [ApiKeyRepository, AdminUserRepository],
  exports: [ApiKeyRepository, AdminUserRepository],
})
export class AccountsModule {}
