import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile, type StatsListener } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ConfigValidationError } from '../load-config';
import { parseProvidersFile } from './load-providers-file';
import { providersFileSchema, type ProvidersFile } from './providers-file.schema';

/** Something built from the file: it may refuse a new version (validate) before any consumer sees it. */
export interface ProvidersFileConsumer {
  /** Throws (ideally a ConfigValidationError) when the file cannot be applied; must not change state. */
  validate?(file: ProvidersFile): void;
  apply(file: ProvidersFile): void;
}

export type ReloadResult =
  | { status: 'reloaded'; version: number }
  | { status: 'unchanged'; version: number }
  | { status: 'rejected'; version: number; problems: string[] };

export interface ProvidersFileStats {
  path: string | null;
  /** 1 at boot, +1 per applied change. */
  version: number;
  loadedAt: string;
  reloads: number;
  /** Reloads refused (the previous version stayed in force). */
  failures: number;
  lastProblems: string[] | null;
}

export interface ProvidersFileSourceOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** How often the file's mtime is polled (follows symlinks, so Kubernetes ConfigMap swaps are seen); 0: no watching. */
  pollIntervalMs?: number;
  /** A save often lands as several writes: wait this long after the last change. */
  debounceMs?: number;
}

/**
 * The providers/routing file, kept current: `reload()` on demand, or on its own when the file
 * changes (`watch()`). A new version that does not parse, validate or apply is refused, logged
 * and counted, and the last good one stays in force. Boot is strict: the constructor throws.
 */
export class ProvidersFileSource {
  private readonly logger = new Logger('ProvidersFile');
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly consumers: ProvidersFileConsumer[] = [];
  private readonly resultListeners = new Set<(result: ReloadResult) => void>();
  private file: ProvidersFile;
  private digest: string | null;
  private stats_: ProvidersFileStats;
  private timer: NodeJS.Timeout | undefined;
  private watching: StatsListener | undefined;

  constructor(
    readonly path: string | undefined,
    private readonly options: ProvidersFileSourceOptions = {},
  ) {
    this.env = options.env ?? process.env;
    const text = path ? this.read(path) : null;
    this.file = text === null ? providersFileSchema.parse({}) : parseProvidersFile(text, path ?? '', this.env);
    this.digest = text === null ? null : digestOf(text);
    this.stats_ = { path: path ?? null, version: 1, loadedAt: new Date().toISOString(), reloads: 0, failures: 0, lastProblems: null };
  }

  /** A source over an already-validated file, with nothing to reload (tests, `forRoot({ providersFile })`). */
  static fixed(file: ProvidersFile): ProvidersFileSource {
    const source = new ProvidersFileSource(undefined);
    source.file = file;
    return source;
  }

  current(): ProvidersFile {
    return this.file;
  }

  stats(): ProvidersFileStats {
    return { ...this.stats_ };
  }

  /** Registers a consumer and applies the current version to it at once. */
  register(consumer: ProvidersFileConsumer): void {
    consumer.apply(this.file);
    this.consumers.push(consumer);
  }

  /** Told of every reload attempt, e.g. to count it. */
  onReload(listener: (result: ReloadResult) => void): () => void {
    this.resultListeners.add(listener);
    return () => this.resultListeners.delete(listener);
  }

  /** Reads the file again; applies it when it changed and every consumer accepts it. */
  reload(): ReloadResult {
    const result = this.tryReload();
    for (const listener of this.resultListeners) listener(result);
    return result;
  }

  /** Starts polling the file (no-op without a path or with `pollIntervalMs: 0`). */
  watch(): void {
    const interval = this.options.pollIntervalMs ?? 2_000;
    if (!this.path || interval <= 0 || this.watching) return;
    const debounce = this.options.debounceMs ?? 200;
    this.watching = (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), debounce);
      this.timer.unref();
    };
    watchFile(this.path, { interval, persistent: false }, this.watching);
  }

  close(): void {
    clearTimeout(this.timer);
    if (this.path && this.watching) unwatchFile(this.path, this.watching);
    this.watching = undefined;
  }

  private tryReload(): ReloadResult {
    const version = this.stats_.version;
    if (!this.path) return { status: 'unchanged', version };
    let next: ProvidersFile;
    let digest: string;
    try {
      const text = this.read(this.path);
      digest = digestOf(text);
      if (digest === this.digest) return { status: 'unchanged', version };
      next = parseProvidersFile(text, this.path, this.env);
      for (const consumer of this.consumers) consumer.validate?.(next);
    } catch (error) {
      const problems = error instanceof ConfigValidationError ? error.problems : [error instanceof Error ? error.message : String(error)];
      this.stats_ = { ...this.stats_, failures: this.stats_.failures + 1, lastProblems: problems };
      this.logger.error(`kept version ${version}: the new ${this.path} is invalid:\n  - ${problems.join('\n  - ')}`);
      return { status: 'rejected', version, problems };
    }
    this.file = next;
    this.digest = digest;
    for (const consumer of this.consumers) consumer.apply(next);
    this.stats_ = { ...this.stats_, version: version + 1, loadedAt: new Date().toISOString(), reloads: this.stats_.reloads + 1, lastProblems: null };
    this.logger.log(`applied ${this.path} (version ${version + 1})`);
    return { status: 'reloaded', version: version + 1 };
  }

  private read(path: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new ConfigValidationError([`LLM_GATEWAY_CONFIG (${path}): ${error instanceof Error ? error.message : String(error)}`]);
    }
  }
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
