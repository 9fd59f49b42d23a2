import { eachMatch, type Detector } from '../detector';
import { ScanText } from '../scan-text';
import type { Finding, SqlType } from '../../findings/finding';

const SQL_WORD = /\b(?:select|insert|update|delete|drop|truncate|union|alter|exec)\b|'\s{0,2}--/i;

const SQL_KEYWORDS = ['select', 'insert', 'update', 'delete', 'drop', 'truncate', 'union', 'alter', 'exec', "'"];

// `needles`: lower-case literals of which every match contains one (an indexOf before each regex).
const SHAPES: Array<{ type: SqlType; needles: readonly string[]; regex: RegExp }> = [
  // A modifying statement after a ';' on the same line: the classic `'; DROP TABLE users; --`.
  { type: 'stacked', needles: [';'], regex: /;[ \t]{0,8}(?:drop|delete|truncate|alter|update|insert|exec|execute|shutdown|create)\b/gi },
  // `OR 1=1`, `OR 'a'='a'`, `OR ""=""`: a condition that is always true.
  { type: 'tautology', needles: ['=', 'true'], regex: /\b(?:or|and)\s{1,8}(?:(['"])(\w{0,32})\1\s{0,4}=\s{0,4}\1\2\1|(\w{1,32})\s{0,4}=\s{0,4}\3(?!\w))|\bor\s{1,8}true\b/gi },
  // A quote closing a literal followed by a comment that swallows the rest of the query.
  { type: 'comment_terminator', needles: ['--'], regex: /'\s{0,2}--(?=\s|$)/gm },
  { type: 'union_select', needles: ['union'], regex: /(?:'|\b-?\d+)\s{0,8}\)?\s{0,8}union\s{1,8}(?:all\s{1,8})?select\b/gi },
  { type: 'drop', needles: ['drop'], regex: /\bdrop\s{1,8}(?:table|database|schema|index|view|user)\b/gi },
  // "Truncate the string" is prose: without TABLE the keyword must be upper case.
  { type: 'truncate', needles: ['truncate'], regex: /\btruncate\s{1,8}table\s{1,8}[`"[]?\w/gi },
  { type: 'truncate', needles: ['truncate'], regex: /\bTRUNCATE\s{1,8}(?!TABLE\b)[`"[]?\w/g },
];

// DELETE/UPDATE whose statement (up to ';', a blank line or a closing fence) has no WHERE.
const DELETE = /\bdelete\s{1,8}from\s{1,8}[`"[]?[\w.]{1,128}/gi;
const UPDATE = /\bupdate\s{1,8}[`"[]?[\w.]{1,128}[`"\]]?\s{1,8}set\b/gi;
const MAX_STATEMENT = 2_000;

function statementEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_STATEMENT);
  for (let i = from; i < limit; i += 1) {
    const ch = text[i];
    if (ch === ';' || ch === '`' || (ch === '\n' && text[i + 1] === '\n')) return i;
  }
  return limit;
}

function unscoped(text: string, regex: RegExp, type: SqlType, out: Finding[], requireSql: boolean): void {
  eachMatch(regex, text, (match) => {
    const from = match.index + match[0].length;
    const end = statementEnd(text, from);
    const rest = text.slice(from, end);
    if (/\bwhere\b/i.test(rest)) return;
    // Prose ("delete from the list") is not SQL: lower-case keywords must end with ';'.
    if (requireSql && match[0] === match[0].toLowerCase() && text[end] !== ';') return;
    out.push({ detector: 'sql', type, start: match.index, end });
  });
}

export const sqlInjectionDetector: Detector = {
  family: 'sql',
  types: ['stacked', 'tautology', 'comment_terminator', 'union_select', 'drop', 'truncate', 'unscoped_delete', 'unscoped_update'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    if (!scan.mentions(SQL_KEYWORDS) || !SQL_WORD.test(text)) return;
    for (const shape of SHAPES) {
      if (!scan.mentions(shape.needles)) continue;
      eachMatch(shape.regex, text, (match) => out.push({ detector: 'sql', type: shape.type, start: match.index, end: match.index + match[0].length }));
    }
    if (scan.mentions(['delete'])) unscoped(text, DELETE, 'unscoped_delete', out, true);
    if (scan.mentions(['update'])) unscoped(text, UPDATE, 'unscoped_update', out, true);
  },
};
