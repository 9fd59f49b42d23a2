import { GatewayError, type NanoUsd } from '@llmgw/contracts';

export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
}

/** A model's list price in integer nano-dollars per million tokens ($0.15/MTok = 150_000_000). */
export interface TokenPrice {
  inputNanoUsdPerMTok: number;
  outputNanoUsdPerMTok: number;
}

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

/**
 * The cost of ONE request in integer nano-dollars.
 *
 * Rule: `(prompt * inputPrice + completion * outputPrice) / 1_000_000`, computed exactly with
 * BigInt and rounded half-up to the nano-dollar once per request (a remainder of exactly half
 * rounds up). Rounding per request makes a period's total the exact sum of the stored per-request
 * costs, which is what invoices and budgets add up. Inputs must be non-negative safe integers;
 * a result beyond Number.MAX_SAFE_INTEGER (~9 million dollars for one request) is refused
 * rather than silently rounded.
 */
export function computeCostNanoUsd(tokens: TokenCounts, price: TokenPrice): NanoUsd {
  const total =
    toBigInt('promptTokens', tokens.promptTokens) * toBigInt('inputNanoUsdPerMTok', price.inputNanoUsdPerMTok) +
    toBigInt('completionTokens', tokens.completionTokens) * toBigInt('outputNanoUsdPerMTok', price.outputNanoUsdPerMTok);
  const quotient = total / TOKENS_PER_PRICE_UNIT;
  const remainder = total % TOKENS_PER_PRICE_UNIT;
  const cost = remainder * 2n >= TOKENS_PER_PRICE_UNIT ? quotient + 1n : quotient;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new GatewayError('internal_error', 'request cost exceeds the largest exact nano-dollar amount', {
      metadata: { costNanoUsd: cost.toString() },
    });
  }
  return Number(cost);
}

function toBigInt(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new GatewayError('internal_error', `${name} must be a non-negative safe integer, got ${value}`);
  }
  return BigInt(value);
}
