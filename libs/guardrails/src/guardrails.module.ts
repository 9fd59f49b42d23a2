import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { Guardrails } from './guardrails.service';
import { guardrailDefaultsFromEnv } from './policy/policy-from-env';

/** Provides `Guardrails` built from the gateway config (the AppConfigModule must be global). */
@Module({
  providers: [
    {
      provide: Guardrails,
      inject: [ConfigService],
      useFactory: (config: ConfigService<GatewayConfig, true>) =>
        new Guardrails(
          guardrailDefaultsFromEnv({
            ENABLE_GUARDRAILS: config.get('ENABLE_GUARDRAILS', { infer: true }),
            PII_MODE: config.get('PII_MODE', { infer: true }),
            BLOCK_PII: config.get('BLOCK_PII', { infer: true }),
            BLOCK_SECRETS: config.get('BLOCK_SECRETS', { infer: true }),
            PROMPT_INJECTION_MODE: config.get('PROMPT_INJECTION_MODE', { infer: true }),
            SQL_INJECTION_DETECTION: config.get('SQL_INJECTION_DETECTION', { infer: true }),
            MAX_INPUT_LENGTH: config.get('MAX_INPUT_LENGTH', { infer: true }),
            MAX_INPUT_TOKENS: config.get('MAX_INPUT_TOKENS', { infer: true }),
            MAX_OUTPUT_LENGTH: config.get('MAX_OUTPUT_LENGTH', { infer: true }),
            MAX_OUTPUT_TOKENS: config.get('MAX_OUTPUT_TOKENS', { infer: true }),
            GUARDRAILS_POLICY_FILE: config.get('GUARDRAILS_POLICY_FILE', { infer: true }),
          }),
        ),
    },
  ],
  exports: [Guardrails],
})
export class GuardrailsModule {}
