import { Buffer } from 'node:buffer';

/**
 * The same text as a flat sequential string (V8's "SeqOneByteString" or "SeqTwoByteString").
 *
 * Why: V8 keeps strings in several layouts (concatenations as trees, slices as views of another
 * string, internalized literals...), each with its own hidden class. The scanners read `text.length`
 * and `text.charCodeAt` on every character, and once a call site has seen more than four layouts
 * (the rule data's article titles and bodies are concatenations, its lexicon entries literals) V8
 * stops inlining those reads and looks each one up in a global cache: 4–5 % of the pipeline's time
 * in a profile of 1,000-character comments. Copied through a UTF-16 buffer (~0.6 µs per 1,000
 * characters here), every text reaches the scanners in one of the two layouts a request body
 * parsed from JSON already has.
 */
export function sequential(text: string): string {
  return text.length === 0 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

/**
 * text[start, end) as a string of its own. V8 makes a slice of 13 characters or more a view of
 * the whole string (a SlicedString): a token kept by a rule's cache, a word's facts or the spell
 * checker's answers would keep the whole comment alive with it (measured: 3,000 comments of 9 KB
 * through the pipeline, 23 MB still held after a full collection; 9 MB, the words' own facts,
 * with copies). Such slices are copied (~0.2 µs; a few tokens of a comment are that long).
 */
export function ownSlice(text: string, start: number, end: number): string {
  const value = text.slice(start, end);
  return end - start >= 13 ? sequential(value) : value;
}
