/**
 * "Convert a string to an integer" and "convert an integer to a string" share every word and
 * embed almost identically (cosine 0.99), yet ask opposite things. Around a connector that
 * orders its two sides (to, into, from, in, per, than...), the words on each side are read as
 * that connector's source and target; two prompts that put the same words on opposite sides of
 * the same connector ask for opposite directions. Moving a phrase elsewhere ("In Python, how do
 * I..." / "... in Python") changes no side of any connector, so paraphrases pass.
 */

/** Connectors with the same meaning share a class. */
const CONNECTORS: Record<string, string> = { to: 'to', into: 'to', onto: 'to', toward: 'to', towards: 'to', from: 'from', in: 'in', per: 'per', than: 'than', vs: 'vs', versus: 'vs' };
const FILLER = new Set('a an the my our your their its this that these those some each every one of all any'.split(' '));
const SIDE_WORDS = 3;

interface ConnectorSides {
  connector: string;
  left: Set<string>;
  right: Set<string>;
}

function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** Words of a prompt with clause breaks kept as '|' (sides never cross a clause). */
function words(text: string): string[] {
  return text.toLowerCase().replace(/[?!;:,()]|\.(\s|$)/g, ' | ').match(/[a-z0-9_#+][a-z0-9_#+.\-']*[a-z0-9_#+]|[a-z0-9|]/g) ?? [];
}

function sides(text: string): ConnectorSides[] {
  const list = words(text);
  const out: ConnectorSides[] = [];
  list.forEach((word, at) => {
    const connector = CONNECTORS[word];
    if (!connector) return;
    const collect = (step: 1 | -1): Set<string> => {
      const side = new Set<string>();
      for (let i = at + step; i >= 0 && i < list.length && side.size < SIDE_WORDS; i += step) {
        const next = list[i]!;
        if (next === '|' || CONNECTORS[next]) break;
        if (!FILLER.has(next)) side.add(stem(next));
      }
      return side;
    };
    out.push({ connector, left: collect(-1), right: collect(1) });
  });
  return out;
}

const meets = (a: Set<string>, b: Set<string>) => [...a].some((word) => b.has(word));

/** True when the prompts put shared words on opposite sides of the same kind of connector. */
export function swapsArguments(a: string, b: string): boolean {
  const left = sides(a);
  if (left.length === 0) return false;
  const right = sides(b);
  return left.some((x) => right.some((y) => x.connector === y.connector && meets(x.left, y.right) && meets(x.right, y.left)));
}
