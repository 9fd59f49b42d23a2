import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CacheAdministration } from '@llmgw/caching';
import { invalidRequestFromZod } from '@llmgw/contracts';
import { z } from 'zod';
import { AdminScopeGuard } from '../auth/admin-scope.guard';
import { ApiKeyGuard } from '../auth/api-key.guard';

const invalidateSchema = z.strictObject({
  pattern: z.string().min(1).max(500).optional(),
  older_than_hours: z.number().nonnegative().optional(),
  tenant: z.string().regex(/^(team|key):[A-Za-z0-9-]+$/).optional(),
});

const optimizeSchema = z.strictObject({
  fraction: z.number().gt(0).max(1).optional(),
});

/** Response cache statistics (any API key) and administration (keys with the admin scope). */
@Controller('v1/cache')
@UseGuards(ApiKeyGuard)
export class CacheController {
  constructor(private readonly cache: CacheAdministration) {}

  @Get('stats')
  stats() {
    return this.cache.stats();
  }

  /** `{ pattern?, older_than_hours?, tenant? }`; no filter at all empties the cache. */
  @Post('invalidate')
  @HttpCode(200)
  @UseGuards(AdminScopeGuard)
  async invalidate(@Body() body: unknown) {
    const parsed = invalidateSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    const { pattern, older_than_hours: olderThanHours, tenant } = parsed.data;
    return this.cache.invalidate({
      ...(pattern !== undefined ? { pattern } : {}),
      ...(olderThanHours !== undefined ? { olderThanHours } : {}),
      ...(tenant !== undefined ? { tenant } : {}),
    });
  }

  /** Evicts the lowest-value 20% (frequency 50%, recency 30%, age penalty 20%). */
  @Post('optimize')
  @HttpCode(200)
  @UseGuards(AdminScopeGuard)
  async optimize(@Body() body: unknown) {
    const parsed = optimizeSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalidRequestFromZod(parsed.error);
    return this.cache.optimize(parsed.data.fraction ?? 0.2);
  }
}
