/**
 * Admin-supplied patterns run on every request, so a pattern that can backtrack exponentially
 * is refused at load time. The check is conservative (star height): a quantified group may not
 * contain another quantifier, and back-references are not allowed.
 */
export function unsafePatternReason(source: string): string | null {
  if (source.length > 512) return 'longer than 512 characters';
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  const groupHasQuantifier: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') groupHasQuantifier.push(false);
    else if (ch === ')') {
      const inner = groupHasQuantifier.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || next === '{';
      if (inner && quantified && next !== '?') return 'nested quantifiers (a quantified group containing a quantifier)';
      if ((inner || quantified) && groupHasQuantifier.length > 0) groupHasQuantifier[groupHasQuantifier.length - 1] = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && groupHasQuantifier.length > 0) {
      groupHasQuantifier[groupHasQuantifier.length - 1] = true;
    }
  }
  return null;
}

/** Compiles a validated pattern as a global regex (`i` when asked). Throws on invalid syntax. */
export function compilePattern(source: string, ignoreCase: boolean): RegExp {
  return new RegExp(source, ignoreCase ? 'gi' : 'g');
}
