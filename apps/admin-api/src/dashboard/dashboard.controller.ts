import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GatewayError } from '@llmgw/contracts';
import type { FastifyReply } from 'fastify';
import { DashboardAssets } from './dashboard.assets';

// Scripts and styles from this origin only, no inline code, API calls to this origin only.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The admin dashboard's static files at /dashboard (public: the page signs in with the API's own
 * login and keeps the token in sessionStorage). Every answer is revalidated (`no-cache` + ETag):
 * file names carry no hash, so a deploy must never mix an old script with a new page.
 */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  index(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    this.send('index.html', ifNoneMatch, reply);
  }

  // Fastify's own wildcard (the adapter hands it to find-my-way as is): the rest of the path.
  @Get('*')
  file(@Param('*') requested: string | undefined, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): void {
    this.send(requested ? requested : 'index.html', ifNoneMatch, reply);
  }

  private send(relative: string, ifNoneMatch: string | undefined, reply: FastifyReply): void {
    const asset = this.assets.get(relative);
    if (!asset) throw new GatewayError('not_found_error', 'No such dashboard file.', { param: 'path', code: 'dashboard_file_not_found' });
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'no-cache')
      .header('etag', asset.etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag)) {
      void reply.status(304).send();
      return;
    }
    void reply.status(200).send(asset.body);
  }
}
