import { type ApiKeyPatch, TeamRepository } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import type { EntityManager } from 'typeorm';
import type { UpdateApiKeyInput } from './api-key.schemas';

/** API field names to entity fields; only the fields the caller sent. */
export function toApiKeyPatch(input: UpdateApiKeyInput): ApiKeyPatch {
  const patch: ApiKeyPatch = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.team_id !== undefined) patch.teamId = input.team_id;
  if (input.expires_at !== undefined) patch.expiresAt = input.expires_at;
  if (input.allowed_models !== undefined) patch.allowedModels = input.allowed_models;
  if (input.rpm_limit !== undefined) patch.rpmLimit = input.rpm_limit;
  if (input.tpm_limit !== undefined) patch.tpmLimit = input.tpm_limit;
  if (input.routing_strategy !== undefined) patch.routingStrategy = input.routing_strategy;
  if (input.guardrail_policy !== undefined) patch.guardrailPolicy = input.guardrail_policy;
  if (input.scopes !== undefined) patch.scopes = input.scopes;
  if (input.metadata !== undefined) patch.metadata = input.metadata;
  return patch;
}

/** A clear 400 instead of a foreign-key violation. */
export async function assertTeamExists(teams: TeamRepository, manager: EntityManager, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  if (!(await teams.withManager(manager).findById(teamId)))
    throw new GatewayError('invalid_request_error', 'team_id: no team has this id', { param: 'team_id', code: 'unknown_team' });
}
