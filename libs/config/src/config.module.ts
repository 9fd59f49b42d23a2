import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

/**
 * Makes an already validated configuration injectable as `ConfigService<AppConfig, true>`.
 * The config was parsed before Nest started, so nothing here reads the environment again.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] })],
      exports: [ConfigModule],
    };
  }
}
