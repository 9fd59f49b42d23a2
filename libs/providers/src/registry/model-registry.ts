import type { ModelEntry } from './model-entry';

/**
 * The models clients may ask for: the catalogue, narrowed to the providers that are switched on.
 * `replace` swaps the whole catalogue at once (a providers file reload): readers see the old or
 * the new version, never a mix.
 */
export class ModelRegistry {
  private byId: ReadonlyMap<string, ModelEntry>;
  private readonly enabled: ReadonlySet<string>;

  constructor(entries: readonly ModelEntry[], enabledProviders: readonly string[]) {
    this.enabled = new Set(enabledProviders);
    this.byId = this.index(entries);
  }

  get(id: string): ModelEntry | undefined {
    return this.byId.get(id);
  }

  list(): ModelEntry[] {
    return [...this.byId.values()];
  }

  /** Throws (and keeps the current catalogue) when an id is registered twice. */
  replace(entries: readonly ModelEntry[]): void {
    this.byId = this.index(entries);
  }

  private index(entries: readonly ModelEntry[]): ReadonlyMap<string, ModelEntry> {
    const byId = new Map<string, ModelEntry>();
    for (const entry of entries) {
      if (!this.enabled.has(entry.provider)) continue;
      if (byId.has(entry.id)) throw new Error(`model '${entry.id}' is registered twice`);
      byId.set(entry.id, entry);
    }
    return byId;
  }
}
