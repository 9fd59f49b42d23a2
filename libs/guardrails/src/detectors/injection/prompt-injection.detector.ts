import { eachMatch, type Detector } from '../detector';
import type { Finding, InjectionType } from '../../findings/finding';
import { ScanText } from '../scan-text';

interface InjectionRule {
  type: InjectionType;
  /** Lower-case words of which one must appear before the regex runs. */
  keywords: readonly string[];
  regex: RegExp;
}

// The common attack shapes (OWASP LLM01 examples, published jailbreak corpora). Gaps between
// the words are bounded and exclude newlines, so each rule is linear and stays in one sentence.
const RULES: InjectionRule[] = [
  {
    type: 'override',
    keywords: ['ignore', 'disregard', 'forget', 'override', 'bypass', 'skip'],
    regex: /\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|your|the|system|original|initial)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules|directions|guidelines|programming|directives|guardrails|safety)\b/gi,
  },
  {
    type: 'override',
    keywords: ['instruction', 'system override', 'admin override'],
    regex: /\b(?:new|updated|real|actual|true|secret)\s+(?:system\s+)?instructions?\s*:|\b(?:system|admin)\s+override\b/gi,
  },
  {
    type: 'role_hijack',
    keywords: ['you are', 'act as', 'pretend', 'roleplay', 'behave as', 'respond as', 'from now on'],
    regex: /\b(?:you are (?:now|no longer)|from now on,? you (?:are|will)|act as|behave as|respond as|roleplay as|pretend (?:to be|you are))\b[^.\n]{0,40}?\b(?:DAN|jailbroken|unrestricted|unfiltered|uncensored|evil|no (?:restrictions|rules|limits|filters|guidelines)|without (?:any )?(?:restrictions|rules|limits|filters|guidelines|censorship))\b/gi,
  },
  {
    type: 'role_hijack',
    keywords: ['developer mode', 'do anything now', 'jailbreak', 'dan mode', 'im_start', '<<sys>>', '[inst]', '<|system|>'],
    regex: /\b(?:developer mode|DAN mode|do anything now|jailbreak(?:ed)? mode)\b|\bjailbreak\b(?=[^.\n]{0,30}\b(?:you|yourself|this (?:ai|model|assistant))\b)|<\|im_start\|>\s*system|<<SYS>>|\[INST\]|<\|system\|>/gi,
  },
  {
    type: 'exfiltration',
    keywords: ['prompt', 'instructions', 'above'],
    regex: /\b(?:reveal|show|print|display|output|repeat|leak|dump|tell me|give me|what (?:is|are|was|were)|write out|spell out)\b[^.\n]{0,30}?\b(?:system prompt|(?:your|the) (?:initial|original|hidden|secret|system|full|exact) (?:instructions|prompt|rules)|your (?:instructions|prompt)|(?:the )?(?:text|instructions|everything) above)\b/gi,
  },
  {
    type: 'exfiltration',
    keywords: ['send', 'post', 'upload', 'forward', 'transmit', 'exfiltrate', 'leak'],
    regex: /\b(?:send|post|upload|forward|transmit|exfiltrate|leak)\b[^.\n]{0,40}?\b(?:conversation|chat history|secrets?|api keys?|credentials|passwords?|tokens?|system prompt|user data|personal data)\b[^.\n]{0,40}?\b(?:to|at|into)\s+(?:https?:\/\/|[\w.-]+@|my server|this (?:url|endpoint|address))/gi,
  },
];

const ANY_KEYWORD = new RegExp(
  [...new Set(RULES.flatMap((rule) => rule.keywords))].map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
);

/** Merged windows around every occurrence of the keywords: the only places a rule can match. */
function windows(lower: string, keywords: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const word of keywords)
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length))
      spans.push([Math.max(0, at - 100), Math.min(lower.length, at + word.length + 120)]);
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/**
 * Runs the rules over one text. With a same-length lower-case form, each rule runs only inside
 * windows around its keywords (a rule spans at most ~100 characters either side of one).
 */
export function detectInjection(text: string, lower: string | null, out: Finding[], type?: InjectionType): void {
  // One pass over the text for all keywords first: most prompts contain none of them.
  if (lower !== null && !ANY_KEYWORD.test(lower)) return;
  for (const rule of RULES) {
    const spans: Array<[number, number]> = lower === null ? [[0, text.length]] : windows(lower, rule.keywords);
    for (const [from, to] of spans) {
      const window = from === 0 && to === text.length ? text : text.slice(from, to);
      eachMatch(rule.regex, window, (match) =>
        out.push({ detector: 'injection', type: type ?? rule.type, start: from + match.index, end: from + match.index + match[0].length }),
      );
    }
  }
}

export const promptInjectionDetector: Detector = {
  family: 'injection',
  types: ['override', 'role_hijack', 'exfiltration'],
  detect(text: string, out: Finding[], scan = new ScanText(text)): void {
    detectInjection(text, scan.lower, out);
  },
};
