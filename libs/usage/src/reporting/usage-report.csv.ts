import type { PeriodReport } from './usage-report';

const HEADER = ['period_start', 'group', 'requests', 'errors', 'prompt_tokens', 'completion_tokens', 'cost_nano_usd', 'cost_usd', 'saved_cost_nano_usd', 'cache_hits'] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised (spreadsheet formulas). */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A period report as CSV (one line per period and group, header first, CRLF line ends). */
export function periodReportToCsv(report: PeriodReport): string {
  const lines = report.data.map((line) => HEADER.map((column) => field(line[column])).join(','));
  return [HEADER.join(','), ...lines].join('\r\n') + '\r\n';
}
