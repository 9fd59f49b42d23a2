import type { ModelEntry } from './model-entry';

/** The models clients may ask for: the catalogue, narrowed to the providers that are switched on. */
export class ModelRegistry {
  private readonly byId: ReadonlyMap<string, ModelEntry>;

  constructor(entries: readonly ModelEntry[], enabledProviders: readonly string[]) {
    const enabled = new Set(enabledProviders);
    const byId = new Map<string, ModelEntry>();
    for (const entry of entries) {
      if (!enabled.has(entry.provider)) continue;
      if (byId.has(entry.id)) throw new Error(`model '${entry.id}' is registered twice`);
      byId.set(entry.id, entry);
    }
    this.byId = byId;
  }

  get(id: string): ModelEntry | undefined {
    return this.byId.get(id);
  }

  list(): ModelEntry[] {
    return [...this.byId.values()];
  }
}
