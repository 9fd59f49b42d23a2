import { appendFileSync } from 'node:fs';
import path from 'node:path';

/** What one check held, added up per area in the table printed at the end of the run. */
export interface ChaosFigures {
  /** Requests sent to the platform (load). */
  requests?: number;
  /** Faults injected and survived (a kill, a restart, a cut stream, a refused attack). */
  faultsSurvived?: number;
  /** Malformed or hostile inputs tried. */
  badInputs?: number;
  /** Usage rows missing (or counted twice) after the fault: must stay 0. */
  rowsLost?: number;
}

export interface ChaosEntry extends Required<ChaosFigures> {
  area: string;
}

/**
 * Appends figures to the run's report folder (CHAOS_REPORT_DIR, set by jest.chaos.config.js and
 * inherited by every worker). Outside that run (a single spec run by hand) it is a no-op.
 */
export function recordChaos(area: string, figures: ChaosFigures): void {
  const dir = process.env.CHAOS_REPORT_DIR;
  if (!dir) return;
  const entry: ChaosEntry = {
    area,
    requests: figures.requests ?? 0,
    faultsSurvived: figures.faultsSurvived ?? 0,
    badInputs: figures.badInputs ?? 0,
    rowsLost: figures.rowsLost ?? 0,
  };
  appendFileSync(path.join(dir, 'figures.jsonl'), `${JSON.stringify(entry)}\n`);
}
