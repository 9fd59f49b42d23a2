import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TeamEntity } from '../entities/team.entity';
import { likeContains, type Page, type PageRequest, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorCode, UUID_PATTERN } from './page';

export type TeamWriteResult =
  | { kind: 'ok'; team: TeamEntity }
  | { kind: 'not_found' }
  | { kind: 'name_taken' };

export type TeamDeleteResult =
  | { kind: 'ok'; team: TeamEntity }
  | { kind: 'not_found' }
  /** Keys (revoked ones too: they stay for the audit trail) or other rows still point at the team. */
  | { kind: 'in_use'; apiKeys: number };

/** Data access for `teams`. Names are unique. */
@Injectable()
export class TeamRepository {
  constructor(@InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>) {}

  withManager(manager: EntityManager): TeamRepository {
    return new TeamRepository(manager.getRepository(TeamEntity));
  }

  findById(id: string): Promise<TeamEntity | null> {
    return UUID_PATTERN.test(id) ? this.teams.findOneBy({ id }) : Promise.resolve(null);
  }

  /** Name order; `name` filters by substring, case-insensitively. */
  async page(filter: { name?: string }, page: PageRequest): Promise<Page<TeamEntity>> {
    const query = this.teams.createQueryBuilder('team');
    if (filter.name !== undefined) query.where('team.name ILIKE :name', { name: likeContains(filter.name) });
    const [items, total] = await query.orderBy('team.name', 'ASC').addOrderBy('team.id', 'ASC').skip(page.offset).take(page.limit).getManyAndCount();
    return { items, total };
  }

  async create(name: string): Promise<TeamWriteResult> {
    const result = await this.teams.createQueryBuilder().insert().values({ name }).orIgnore().returning('id').execute();
    const id = (result.raw as Array<{ id: string }>)[0]?.id;
    return id ? { kind: 'ok', team: await this.teams.findOneByOrFail({ id }) } : { kind: 'name_taken' };
  }

  async rename(id: string, name: string): Promise<TeamWriteResult> {
    if (!(await this.findById(id))) return { kind: 'not_found' };
    try {
      await this.teams.update({ id }, { name });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) return { kind: 'name_taken' };
      throw error;
    }
    return { kind: 'ok', team: await this.teams.findOneByOrFail({ id }) };
  }

  /** Refuses while any API key belongs to the team; the foreign keys make this race-free. */
  async delete(id: string): Promise<TeamDeleteResult> {
    const team = await this.findById(id);
    if (!team) return { kind: 'not_found' };
    const apiKeys = await this.teams.manager.getRepository(ApiKeyEntity).countBy({ teamId: id });
    if (apiKeys > 0) return { kind: 'in_use', apiKeys };
    try {
      await this.teams.delete({ id });
    } catch (error) {
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) return { kind: 'in_use', apiKeys };
      throw error;
    }
    return { kind: 'ok', team };
  }
}
