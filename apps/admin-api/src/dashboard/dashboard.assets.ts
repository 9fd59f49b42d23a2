import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AdminConfig } from '@llmgw/config';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** One static file of the dashboard, held in memory with its validator. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * The dashboard's files, read once at boot into a map keyed by their relative path. Serving
 * is a lookup in that map, so no request path ever reaches the file system (no traversal).
 * Files of other types (tests, notes) are left out.
 */
@Injectable()
export class DashboardAssets {
  private readonly logger = new Logger('DashboardAssets');
  private readonly files = new Map<string, DashboardAsset>();
  readonly directory: string;

  constructor(config: ConfigService<AdminConfig, true>) {
    this.directory = path.resolve(config.get('ADMIN_DASHBOARD_DIR', { infer: true }));
    this.load();
  }

  get(relativePath: string): DashboardAsset | undefined {
    return this.files.get(relativePath);
  }

  get size(): number {
    return this.files.size;
  }

  private load(): void {
    try {
      for (const file of walk(this.directory)) {
        const contentType = CONTENT_TYPES[path.extname(file)];
        if (!contentType) continue;
        const body = readFileSync(file);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        this.files.set(path.relative(this.directory, file).split(path.sep).join('/'), { body, contentType, etag });
      }
    } catch (error) {
      // The API works without its dashboard: say where the files were expected and carry on.
      this.logger.warn(`admin dashboard not served: cannot read ${this.directory} (set ADMIN_DASHBOARD_DIR): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function* walk(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    if (name.startsWith('.')) continue;
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}
