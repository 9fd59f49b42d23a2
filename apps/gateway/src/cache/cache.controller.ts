import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CacheAdministration, invalidateCommandOf, optimizeFractionOf } from '@llmgw/caching';
import { AdminScopeGuard } from '../auth/admin-scope.guard';
import { ApiKeyGuard } from '../auth/api-key.guard';

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
  invalidate(@Body() body: unknown) {
    return this.cache.invalidate(invalidateCommandOf(body));
  }

  /** Evicts the lowest-value 20% (frequency 50%, recency 30%, age penalty 20%). */
  @Post('optimize')
  @HttpCode(200)
  @UseGuards(AdminScopeGuard)
  optimize(@Body() body: unknown) {
    return this.cache.optimize(optimizeFractionOf(body));
  }
}
