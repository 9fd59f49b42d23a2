import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ChaosEntry } from './chaos-report';

const COLUMNS = ['area', 'load (requests)', 'faults survived', 'bad inputs tried', 'rows lost'] as const;

/** Jest global teardown: one table of what the run held, per area and in total. */
export default function printChaosTable(): void {
  const dir = process.env.CHAOS_REPORT_DIR;
  if (!dir) return;
  const file = path.join(dir, 'figures.jsonl');
  const entries = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as ChaosEntry)
    : [];
  rmSync(dir, { recursive: true, force: true });
  const byArea = new Map<string, ChaosEntry>();
  const total: ChaosEntry = { area: 'TOTAL', requests: 0, faultsSurvived: 0, badInputs: 0, rowsLost: 0 };
  for (const entry of entries) {
    const row = byArea.get(entry.area) ?? { area: entry.area, requests: 0, faultsSurvived: 0, badInputs: 0, rowsLost: 0 };
    for (const sum of [row, total]) {
      sum.requests += entry.requests;
      sum.faultsSurvived += entry.faultsSurvived;
      sum.badInputs += entry.badInputs;
      sum.rowsLost += entry.rowsLost;
    }
    byArea.set(entry.area, row);
  }
  const rows = [...[...byArea.values()].sort((a, b) => a.area.localeCompare(b.area)), total].map((row) => [
    row.area,
    String(row.requests),
    String(row.faultsSurvived),
    String(row.badInputs),
    String(row.rowsLost),
  ]);
  const widths = COLUMNS.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index]!)).join(' | ')} |`;
  const table = [line(COLUMNS), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)];
  process.stdout.write(`\nChaos suite: what held\n${table.join('\n')}\n\n`);
}
