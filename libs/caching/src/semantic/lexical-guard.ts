import { swapsArguments } from './argument-order';

/**
 * Sentence embeddings place "rows of the users table" and "rows of the orders table" closer
 * than most paraphrases (measured: bench/caching/evaluate-threshold.ts). This cheap check
 * vetoes a semantic hit when the two prompts differ in what makes answers differ: numbers,
 * quoted text, code identifiers, names next to schema words (table, column, file...),
 * languages, negation and opposite directions (ascending/descending, min/max...).
 */
export function lexicallyCompatible(a: string, b: string): boolean {
  const left = salientFeatures(a);
  const right = salientFeatures(b);
  const leftWords = contentWords(a);
  const rightWords = contentWords(b);
  // A name next to a schema word must appear somewhere in the other prompt ("the users table"
  // and "rows of users" agree; "the users table" and "the orders table" do not).
  const agrees = (features: Set<string>, other: Set<string>, otherWords: Set<string>) =>
    [...features].every((feature) => other.has(feature) || (feature.startsWith('name:') && otherWords.has(feature.slice(5))));
  if (!agrees(left, right, rightWords) || !agrees(right, left, leftWords)) return false;
  return !isSlotSwap(a, b) && !prefixedOpposite(leftWords, rightWords) && !swapsArguments(a, b);
}

/** "install" / "uninstall", "connect" / "disconnect", "activate" / "deactivate": a negating prefix on a shared stem. */
function prefixedOpposite(left: Set<string>, right: Set<string>): boolean {
  const negates = (words: Set<string>, other: Set<string>) =>
    [...words].some((word) => word.length >= 4 && !words.has(`un${word}`) && ['un', 'dis', 'de'].some((prefix) => other.has(`${prefix}${word}`) && !other.has(word)));
  return negates(left, right) || negates(right, left);
}

/**
 * The same sentence with a short run of words replaced ("capital of France" / "capital of
 * Japan", "a closure" / "a load balancer") is a template with another slot value, not a
 * paraphrase, unless the replaced words only say how to ask (show/list, write/give...).
 * Costs some paraphrases that swap one synonym: a missed hit, never a wrong one.
 */
function isSlotSwap(a: string, b: string): boolean {
  const left = tokens(a);
  const right = tokens(b);
  let prefix = 0;
  while (prefix < left.length && prefix < right.length && left[prefix] === right[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < left.length - prefix && suffix < right.length - prefix && left[left.length - 1 - suffix] === right[right.length - 1 - suffix]) suffix += 1;
  const onlyLeft = left.slice(prefix, left.length - suffix);
  const onlyRight = right.slice(prefix, right.length - suffix);
  if (onlyLeft.length === 0 || onlyRight.length === 0 || onlyLeft.length > 3 || onlyRight.length > 3 || prefix + suffix < 2) return false;
  return ![...onlyLeft, ...onlyRight].every((word) => ASKING_WORDS.has(word));
}

function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9_#+][a-z0-9_#+.\-']*[a-z0-9_#+]|[a-z0-9]/g) ?? []).map(singular);
}

const ASKING_WORDS = new Set(
  'show list give display get find return tell explain describe write create make generate produce print fetch retrieve what what\'s how can could would please me i you do does a an the'.split(' '),
);

/** Lower-cased, singular words that carry meaning (function words dropped). */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9_#+][a-z0-9_#+.\-']*[a-z0-9_#+]|[a-z0-9]/g) ?? [];
  return new Set(words.filter((word) => !FUNCTION_WORDS.has(word)).map(singular));
}

const SCHEMA_WORDS = new Set(
  'table tables column columns field fields database databases schema schemas collection collections index indexes file files folder directory function functions method class variable key keys endpoint route package library module branch repo repository container service bucket queue topic header property attribute parameter argument env'.split(' '),
);
const FILLER = new Set('the a an named called of in from on to for this that my our your its each every all'.split(' '));
const FUNCTION_WORDS = new Set(
  "a an the this that these those is are was were be been being am do does did doing have has had having i me my we our you your it its he she they them their what what's which who whom whose when where why how can could would should will shall may might must please tell show give get list me us of in on at to for from by with about as into onto over than then so and or but if also just very really any some all each every many much more most other such same own only one two three four five six seven eight nine ten new way best right good need want like let make write explain briefly short keep".split(' '),
);
const STOP = new Set('with and or by where as is are be using which into it new existing given same some any what how when i me we you one keep'.split(' '));
const LANGUAGES = new Set(
  'python javascript typescript java kotlin swift golang rust ruby php perl scala haskell elixir erlang clojure lua dart r matlab julia bash shell powershell postgres postgresql mysql sqlite mongodb redis c c++ c# csharp fsharp objective-c html css yaml json xml toml markdown english french spanish german italian portuguese dutch russian chinese mandarin japanese korean arabic hindi turkish polish swedish greek hebrew'.split(' '),
);
const NEGATIONS = new Set("not no never without none nobody nothing neither nor don't doesn't didn't isn't aren't wasn't weren't can't cannot won't shouldn't except excluding exclude unless".split(' '));
/** Words that flip an answer's direction; synonyms share a polarity. */
const POLARITY: Record<string, string> = {};
for (const [group, words] of Object.entries({
  'order:asc': 'ascending asc increasing oldest earliest',
  'order:desc': 'descending desc decreasing newest latest',
  'extreme:max': 'max maximum largest biggest highest greatest longest',
  'extreme:min': 'min minimum smallest lowest least fewest shortest bottom',
  'change:up': 'increase raise grow enlarge',
  'change:down': 'decrease lower reduce shrink',
  'edit:add': 'add insert append create',
  'edit:remove': 'remove delete drop erase',
  'codec:en': 'encrypt encode serialize compress',
  'codec:de': 'decrypt decode deserialize decompress',
  'transfer:in': 'import upload pull',
  'transfer:out': 'export download push',
  'access:grant': 'grant allow permit whitelist',
  'access:revoke': 'revoke deny block forbid disallow blacklist',
  'link:attach': 'attach',
  'link:detach': 'detach',
  'state:on': 'enable activate start open lock',
  'state:off': 'disable deactivate stop close unlock',
  'time:before': 'before earlier prior',
  'time:after': 'after later since',
  'join:inner': 'inner',
  'join:outer': 'outer left',
  'compare:more': 'more greater above over exceeding',
  'compare:less': 'less fewer below under',
})) {
  for (const word of words.split(' ')) POLARITY[word] = group;
}

export function salientFeatures(text: string): Set<string> {
  const features = new Set<string>();
  for (const match of text.matchAll(/["'`‘’“”]([^"'`‘’“”]{1,80})["'`‘’“”]/g)) features.add(`quote:${match[1]!.trim().toLowerCase()}`);
  for (const match of text.matchAll(/-?\d+(?:[.,]\d+)*%?/g)) features.add(`num:${match[0].replace(/,/g, '')}`);
  // Names are looked for within a clause: "index? Keep it short" does not name the index "keep".
  const words = text.replace(/[?!;:,]|\.(\s|$)/g, ' | ').match(/[A-Za-z_][A-Za-z0-9_.#+\-']*[A-Za-z0-9_#+]|[A-Za-z|]/g) ?? [];
  const lower = words.map((word) => word.toLowerCase());
  let negated = false;
  lower.forEach((word, i) => {
    const original = words[i]!;
    if (/[_.]/.test(original) || /[a-z][A-Z]/.test(original) || /[A-Za-z]\d|\d[A-Za-z]/.test(original)) features.add(`id:${word}`);
    if (LANGUAGES.has(word)) features.add(`lang:${word === 'golang' ? 'go' : word === 'postgresql' ? 'postgres' : word}`);
    if (NEGATIONS.has(word) || word.endsWith("n't")) negated = true;
    const polarity = polarityOf(word, lower[i + 1]);
    if (polarity) features.add(`dir:${polarity}`);
    if (SCHEMA_WORDS.has(word)) {
      const named = previousName(lower, i) ?? nextName(lower, i);
      if (named) features.add(`name:${singular(named)}`);
    }
  });
  if (negated) features.add('negation');
  return features;
}

/** The direction a word gives, inflections included ("adds", "enabled", "turn on"). */
function polarityOf(word: string, next: string | undefined): string | undefined {
  if ((word === 'turn' || word === 'switch') && (next === 'on' || next === 'off')) return next === 'on' ? 'state:on' : 'state:off';
  const direct = POLARITY[word];
  if (direct) return direct;
  for (const suffix of ['s', 'es', 'ed', 'd', 'ing']) {
    if (word.length <= suffix.length + 2 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    const found = POLARITY[base] ?? (suffix === 'ing' || suffix === 'ed' ? POLARITY[`${base}e`] : undefined);
    if (found) return found;
  }
  return undefined;
}

/** "the users table": the word right before a schema word names it. */
function previousName(words: string[], at: number): string | null {
  const word = words[at - 1];
  return word !== undefined && isName(word) ? word : null;
}

/** "table (named) users": the first word after it that is not filler. */
function nextName(words: string[], at: number): string | null {
  for (let i = at + 1; i < words.length && i <= at + 3; i += 1) {
    const word = words[i]!;
    if (FILLER.has(word)) continue;
    return isName(word) ? word : null;
  }
  return null;
}

function isName(word: string): boolean {
  return /^[a-z0-9_]/.test(word) && !FILLER.has(word) && !SCHEMA_WORDS.has(word) && !POLARITY[word] && !NEGATIONS.has(word) && !STOP.has(word);
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}
