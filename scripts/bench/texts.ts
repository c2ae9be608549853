/** Texts the benchmarks feed the rules, shared so that `bench` and `bench:rules` measure the same. */

/**
 * A text as a comment reaches the rules: parsed from a JSON request body, one flat string. V8
 * keeps a concatenation as a tree of pieces, a slice or a repeat as a view of another string,
 * and reading those character by character costs up to 4x more (measured here on a plain loop):
 * the benchmarks would time how the texts were built, not the rules.
 */
export function asReceived(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** `length` characters of consecutive corpus comments, starting at comment `offset`. */
export function concatComments(bodies: readonly string[], length: number, offset: number): string {
  let text = '';
  for (let i = offset; text.length < length; i++) text += `${bodies[i % bodies.length] ?? ''} `;
  return asReceived(text.slice(0, length));
}

/**
 * 5,000-character inputs that trigger catastrophic backtracking in non-linear patterns: runs of one
 * letter, of spaces, of `*`, of accents, spaced or dotted letters, elisions, digits, symbols,
 * domains.
 */
export const ADVERSARIAL_TEXTS: readonly string[] = (
  [
    'a'.repeat(5000),
    `${' '.repeat(4999)}a`,
    '*'.repeat(5000),
    'é'.repeat(5000),
    'a '.repeat(2500),
    'a-'.repeat(2500),
    'a.'.repeat(2500),
    'C O N '.repeat(833),
    `${'A'.repeat(4999)}!`,
    "l'".repeat(2500),
    '1'.repeat(5000),
    '@'.repeat(5000),
    'ab*'.repeat(1666),
    // A thousand bare domains, and an "@" every other character: link finding.
    'a.fr '.repeat(1000),
    '@ '.repeat(2500),
  ] as const
).map(asReceived);
