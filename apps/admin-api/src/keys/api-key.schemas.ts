import { KEY_SCOPES } from '@llmgw/contracts';
import { STRATEGY_NAMES } from '@llmgw/routing';
import { z } from 'zod';
import { paginationShape, queryBoolean } from '../common/list.query';

const MAX_INT32 = 2_147_483_647;

const jsonObject = (maxBytes: number) =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= maxBytes, `must be at most ${maxBytes} bytes of JSON`);

const futureDate = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine((date) => date.getTime() > Date.now(), 'must be in the future');

/** Every policy field of a key; null clears a nullable one. Same names as the API key view. */
const policyShape = {
  name: z.string().trim().min(1).max(200),
  team_id: z.uuid().nullable(),
  expires_at: futureDate.nullable(),
  allowed_models: z.array(z.string().trim().min(1).max(200)).max(500).nullable(),
  rpm_limit: z.number().int().min(1).max(MAX_INT32).nullable(),
  tpm_limit: z.number().int().min(1).max(MAX_INT32).nullable(),
  routing_strategy: z.enum(STRATEGY_NAMES as [string, ...string[]]).nullable(),
  // Shape checked by the gateway's guardrails when the key is used; here: a bounded JSON object.
  guardrail_policy: jsonObject(64 * 1024).nullable(),
  scopes: z.array(z.enum(KEY_SCOPES)).max(10).transform((scopes) => [...new Set(scopes)]),
  metadata: jsonObject(16 * 1024),
};

export const createApiKeySchema = z.strictObject({
  ...policyShape,
  team_id: policyShape.team_id.optional(),
  expires_at: policyShape.expires_at.optional(),
  allowed_models: policyShape.allowed_models.optional(),
  rpm_limit: policyShape.rpm_limit.optional(),
  tpm_limit: policyShape.tpm_limit.optional(),
  routing_strategy: policyShape.routing_strategy.optional(),
  guardrail_policy: policyShape.guardrail_policy.optional(),
  scopes: policyShape.scopes.optional(),
  metadata: policyShape.metadata.optional(),
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const updateApiKeySchema = z
  .strictObject(policyShape)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');
export type UpdateApiKeyInput = z.output<typeof updateApiKeySchema>;

export const rotateApiKeySchema = z.strictObject({
  /** How long the old secret keeps working; default KEY_ROTATION_OVERLAP_SECONDS. */
  overlap_seconds: z.number().int().min(0).max(30 * 86_400).optional(),
  /** The new key's expiry; default: the old key's (rotation never extends a key's life silently). */
  expires_at: policyShape.expires_at.optional(),
});
export type RotateApiKeyInput = z.output<typeof rotateApiKeySchema>;

export const apiKeyListQuerySchema = z.strictObject({
  team_id: z.uuid().optional(),
  revoked: queryBoolean(),
  expired: queryBoolean(),
  name: z.string().min(1).max(200).optional(),
  ...paginationShape,
});
