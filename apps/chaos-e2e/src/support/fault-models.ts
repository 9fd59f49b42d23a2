import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Integer nano-dollars per million tokens, the registry's unit. */
export interface Price {
  input: bigint;
  output: bigint;
}

/** Dollars per 1K tokens as the providers file takes them, and the same price as integers. */
const ANSWERING_PRICE = { file: { input_cost_per_1k: '0.003', output_cost_per_1k: '0.004' }, nano: { input: 3_000_000_000n, output: 4_000_000_000n } };
const FAULTY_PRICE = { file: { input_cost_per_1k: '0.001', output_cost_per_1k: '0.002' }, nano: { input: 1_000_000_000n, output: 2_000_000_000n } };

/** The healthy model every faulty one falls back to (priced differently, so a row billed at the wrong model shows). */
export const HEALTHY_MODEL = 'fault-ok';

export interface FaultModels {
  /** LLM_GATEWAY_CONFIG for the gateway. */
  configFile: string;
  prices: Map<string, Price>;
  remove(): void;
}

/**
 * A providers file adding OpenAI models that the fault upstream answers per model (its fault
 * follows the `model` field), and the fallbacks among them: `fallbacks` maps a model to the
 * models tried after it. Models absent from `fallbacks` have none.
 */
export function writeFaultModels(models: string[], fallbacks: Record<string, string[]> = {}): FaultModels {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmgw-chaos-models-'));
  const prices = new Map<string, Price>();
  const entries = [HEALTHY_MODEL, ...models.filter((model) => model !== HEALTHY_MODEL)].map((id) => {
    const price = id === HEALTHY_MODEL ? ANSWERING_PRICE : FAULTY_PRICE;
    prices.set(id, price.nano);
    return { id, context_window: 128_000, ...price.file, capabilities: ['streaming'] };
  });
  const configFile = path.join(dir, 'llm_gateway_config.json');
  writeFileSync(configFile, JSON.stringify({ providers: { openai: { models: entries } }, routing: { fallback_map: fallbacks } }));
  return { configFile, prices, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
