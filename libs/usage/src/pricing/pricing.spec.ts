import { GatewayError } from '@llmgw/contracts';
import { computeCostNanoUsd } from './pricing';

// Prices are nano-dollars per million tokens: $0.15/MTok is 150_000_000.
const cheap = { inputNanoUsdPerMTok: 150_000_000, outputNanoUsdPerMTok: 600_000_000 };

describe('computeCostNanoUsd', () => {
  describe('a request with zero tokens', () => {
    it('costs nothing, whatever the price', () => {
      expect(computeCostNanoUsd({ promptTokens: 0, completionTokens: 0 }, cheap)).toBe(0);
    });
  });

  describe('one token of a cheap model', () => {
    it('costs the per-token price in nano-dollars', () => {
      expect(computeCostNanoUsd({ promptTokens: 1, completionTokens: 0 }, cheap)).toBe(150);
      expect(computeCostNanoUsd({ promptTokens: 0, completionTokens: 1 }, cheap)).toBe(600);
    });

    it('rounds a fraction of a nano-dollar below one half down to zero', () => {
      const tiny = { inputNanoUsdPerMTok: 499_999, outputNanoUsdPerMTok: 0 };
      expect(computeCostNanoUsd({ promptTokens: 1, completionTokens: 0 }, tiny)).toBe(0);
    });
  });

  describe('the rounding boundary', () => {
    const oneNanoPerMTok = { inputNanoUsdPerMTok: 1, outputNanoUsdPerMTok: 1 };

    it('rounds exactly .5 up', () => {
      expect(computeCostNanoUsd({ promptTokens: 4_500_000, completionTokens: 0 }, oneNanoPerMTok)).toBe(5);
      expect(computeCostNanoUsd({ promptTokens: 1, completionTokens: 0 }, { inputNanoUsdPerMTok: 500_000, outputNanoUsdPerMTok: 0 })).toBe(1);
    });

    it('rounds just below .5 down and just above up', () => {
      expect(computeCostNanoUsd({ promptTokens: 4_499_999, completionTokens: 0 }, oneNanoPerMTok)).toBe(4);
      expect(computeCostNanoUsd({ promptTokens: 4_500_001, completionTokens: 0 }, oneNanoPerMTok)).toBe(5);
    });

    it('rounds the sum of prompt and completion, not each part', () => {
      // 0.4 + 0.4 = 0.8 nano-dollars: rounding the parts separately would give 0.
      const price = { inputNanoUsdPerMTok: 400_000, outputNanoUsdPerMTok: 400_000 };
      expect(computeCostNanoUsd({ promptTokens: 1, completionTokens: 1 }, price)).toBe(1);
    });
  });

  describe('token counts near 2^40', () => {
    it('stays exact where float products exceed 2^53', () => {
      const price = { inputNanoUsdPerMTok: 1_250_000_001, outputNanoUsdPerMTok: 5_000_000_003 };
      const tokens = { promptTokens: 2 ** 40 - 1, completionTokens: 2 ** 40 - 3 };
      // (1099511627775 * 1250000001 + 1099511627773 * 5000000003) = 6871947677981796511094
      // divided by 1e6: 6871947677981796 remainder 511094 -> rounds up.
      expect(computeCostNanoUsd(tokens, price)).toBe(6_871_947_677_981_797);
    });

    it('refuses a cost beyond the largest exact integer instead of rounding it', () => {
      const pricey = { inputNanoUsdPerMTok: 60_000_000_000, outputNanoUsdPerMTok: 0 };
      expect(() => computeCostNanoUsd({ promptTokens: 2 ** 40, completionTokens: 0 }, pricey)).toThrow(GatewayError);
    });
  });

  describe('a period of N requests', () => {
    it('totals exactly the sum of the per-request costs (rounding is per request)', () => {
      const halfNano = { inputNanoUsdPerMTok: 500_000, outputNanoUsdPerMTok: 0 };
      const requests = Array.from({ length: 1_000 }, () => ({ promptTokens: 1, completionTokens: 0 }));
      const perRequest = requests.map((tokens) => computeCostNanoUsd(tokens, halfNano));
      const total = perRequest.reduce((sum, cost) => sum + BigInt(cost), 0n);
      // Each 0.5 rounds up to 1: the stored total is 1000, not the 500 of one pooled request.
      expect(total).toBe(1_000n);
      expect(computeCostNanoUsd({ promptTokens: 1_000, completionTokens: 0 }, halfNano)).toBe(500);
    });

    it('adds up mixed requests without drift', () => {
      const requests = [
        { promptTokens: 1_234, completionTokens: 567 },
        { promptTokens: 89_012, completionTokens: 3_456 },
        { promptTokens: 7, completionTokens: 0 },
      ];
      const costs = requests.map((tokens) => computeCostNanoUsd(tokens, cheap));
      // 1234*150 + 567*600 = 525_300; 89012*150 + 3456*600 = 15_425_400; 7*150 = 1_050
      expect(costs).toEqual([525_300, 15_425_400, 1_050]);
      expect(costs.reduce((sum, cost) => sum + cost, 0)).toBe(15_951_750);
    });
  });

  describe('invalid inputs', () => {
    it.each([
      [{ promptTokens: -1, completionTokens: 0 }, cheap],
      [{ promptTokens: 1.5, completionTokens: 0 }, cheap],
      [{ promptTokens: 1, completionTokens: 0 }, { inputNanoUsdPerMTok: 0.15, outputNanoUsdPerMTok: 0 }],
    ])('refuses %j at %j', (tokens, price) => {
      expect(() => computeCostNanoUsd(tokens, price)).toThrow(GatewayError);
    });
  });
});
