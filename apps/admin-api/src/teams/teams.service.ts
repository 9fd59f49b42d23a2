import { Injectable } from '@nestjs/common';
import { TeamRepository, type TeamWriteResult } from '@llmgw/accounts';
import { GatewayError } from '@llmgw/contracts';
import { AuditTrail } from '../audit/audit-trail';
import type { AuditActor } from '../common/audit-actor';
import { notFound } from '../common/not-found';
import { presentTeam, type TeamView } from './team.presenter';

const nameTaken = () =>
  new GatewayError('invalid_request_error', 'name: a team with this name already exists', { param: 'name', code: 'team_name_taken' });

/** Teams are plain CRUD; each change is audited in the same transaction. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly trail: AuditTrail,
  ) {}

  create(actor: AuditActor, name: string): Promise<TeamView> {
    return this.trail.change(actor, async (manager) => {
      const view = presentTeam(unwrap(await this.teams.withManager(manager).create(name)));
      return { result: view, audit: { action: 'team.create', resourceType: 'team', resourceId: view.id, before: null, after: view } };
    });
  }

  rename(actor: AuditActor, id: string, name: string): Promise<TeamView> {
    return this.trail.change(actor, async (manager) => {
      const teams = this.teams.withManager(manager);
      const before = await teams.findById(id);
      if (!before) throw notFound('team', 'team_not_found');
      const view = presentTeam(unwrap(await teams.rename(id, name)));
      return { result: view, audit: { action: 'team.rename', resourceType: 'team', resourceId: id, before: presentTeam(before), after: view } };
    });
  }

  delete(actor: AuditActor, id: string): Promise<TeamView & { deleted: true }> {
    return this.trail.change(actor, async (manager) => {
      const outcome = await this.teams.withManager(manager).delete(id);
      if (outcome.kind === 'not_found') throw notFound('team', 'team_not_found');
      if (outcome.kind === 'in_use')
        throw new GatewayError(
          'invalid_request_error',
          `This team still owns ${outcome.apiKeys} API key(s), revoked ones included (they are kept for the audit trail and usage history). Move the keys to another team (PATCH /admin/keys/{id} with team_id) before deleting it.`,
          { param: 'id', code: 'team_has_api_keys' },
        );
      const view = presentTeam(outcome.team);
      return { result: { ...view, deleted: true as const }, audit: { action: 'team.delete', resourceType: 'team', resourceId: id, before: view, after: null } };
    });
  }
}

function unwrap(result: TeamWriteResult) {
  if (result.kind === 'ok') return result.team;
  if (result.kind === 'name_taken') throw nameTaken();
  throw notFound('team', 'team_not_found');
}
