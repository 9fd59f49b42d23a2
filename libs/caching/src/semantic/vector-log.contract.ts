import type { VectorLog, VectorRecord } from './vector-log';

export type VectorLogFactory = () => { writer: VectorLog; reader: () => VectorLog };

const record = (key: string, expiresAt = Date.now() + 60_000): VectorRecord => ({
  tenant: 'team:a',
  partition: 'p1',
  key,
  prompt: `prompt ${key}`,
  vector: Float32Array.from([0.6, 0.8, key.length]),
  expiresAt,
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The behaviour every VectorLog adapter must show: replay on follow, then live appends. */
export function describeVectorLogContract(label: string, makeLog: VectorLogFactory): void {
  describe(`VectorLog contract: ${label}`, () => {
    it('replays live records to a new follower, skipping expired ones, before resolving', async () => {
      const { writer, reader } = makeLog();
      await writer.append(record('k1'));
      await writer.append(record('gone', Date.now() - 1));
      await writer.append(record('k2'));
      const seen: VectorRecord[] = [];
      const stop = await reader().follow((r) => seen.push(r));
      try {
        expect(seen.map((r) => r.key)).toEqual(['k1', 'k2']);
        expect(seen[0]).toEqual(record('k1', seen[0]!.expiresAt));
        expect(Array.from(seen[0]!.vector)).toEqual([0.6000000238418579, 0.800000011920929, 2]);
      } finally {
        await stop();
      }
    });

    it('delivers appends made after following began, and none after stop', async () => {
      const { writer, reader } = makeLog();
      const seen: string[] = [];
      const stop = await reader().follow((r) => seen.push(r.key));
      await writer.append(record('later'));
      await until(() => seen.length > 0);
      expect(seen).toEqual(['later']);
      await stop();
      await writer.append(record('after-stop'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toEqual(['later']);
    });
  });
}
