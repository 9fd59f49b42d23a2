import type { TeamEntity } from '@llmgw/accounts';

export interface TeamView {
  id: string;
  name: string;
  created_at: string;
}

export function presentTeam(team: TeamEntity): TeamView {
  return { id: team.id, name: team.name, created_at: team.createdAt.toISOString() };
}
