import type { ParsedGuardrailPolicy } from './policy/guardrail-policy.schema';
import { mergeGuardrailPolicies, parseGuardrailPolicy } from './policy/merge-policy';
import { GuardrailEngine } from './engine/guardrail-engine';
import { GuardrailSession } from './chat/guardrail-session';

const MAX_CACHED_POLICIES = 1_000;

/**
 * Entry point: deployment defaults + an API key's policy -> a per-request session. Compiled
 * engines are cached by policy content, so a key's regexes are compiled once, not per request.
 */
export class Guardrails {
  private readonly engines = new Map<string, GuardrailEngine>();
  private readonly defaultEngine: GuardrailEngine;

  constructor(private readonly defaults: ParsedGuardrailPolicy) {
    this.defaultEngine = new GuardrailEngine(mergeGuardrailPolicies(defaults));
  }

  /**
   * A session for one request. `keyPolicy` is the API key's policy as stored (plain JSON, not
   * yet validated; null/undefined: the defaults). An invalid key policy throws `internal_error`.
   */
  session(keyPolicy?: unknown): GuardrailSession {
    return new GuardrailSession(this.engineFor(keyPolicy));
  }

  engineFor(keyPolicy?: unknown): GuardrailEngine {
    if (keyPolicy == null) return this.defaultEngine;
    const cacheKey = JSON.stringify(keyPolicy);
    let engine = this.engines.get(cacheKey);
    if (!engine) {
      engine = new GuardrailEngine(mergeGuardrailPolicies(this.defaults, parseGuardrailPolicy(keyPolicy, 'the API key policy')));
      if (this.engines.size >= MAX_CACHED_POLICIES) this.engines.delete(this.engines.keys().next().value as string);
      this.engines.set(cacheKey, engine);
    }
    return engine;
  }
}
