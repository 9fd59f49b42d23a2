import type { GenerationOverrides, RoutingRules } from './providers-file.schema';
import type { ProvidersFileSource } from './providers-file.source';

/**
 * Routing rules that always read the source's current version: hand this to whoever keeps a
 * `RoutingRules` object (the route planner reads `rules.chains[...]` on every request), and a
 * reload reaches it without that code knowing about reloads.
 */
export function liveRoutingRules(source: ProvidersFileSource): RoutingRules {
  return {
    get task_routes() {
      return source.current().routing.task_routes;
    },
    get fallback_map() {
      return source.current().routing.fallback_map;
    },
    get chains() {
      return source.current().routing.chains;
    },
  };
}

/** The generation defaults of the file's current version, read on every request (see above). */
export function liveGenerationOverrides(source: ProvidersFileSource): GenerationOverrides {
  return {
    get temperature_by_mode() {
      return source.current().generation.temperature_by_mode;
    },
    get temperature_by_task() {
      return source.current().generation.temperature_by_task;
    },
  };
}
