import { fold } from './fold.js';
import { lastTokenizedUnits, type Token, tokenize } from './tokenize.js';
import { assignWordIds, WordSlots } from './word-ids.js';

export interface Sentence {
  start: number;
  end: number;
  /** Indexes into `tokens`, half-open. */
  firstToken: number;
  endToken: number;
}

/** What rules share about one comment, computed once however many rules read it. */
export interface TextAnalysis {
  text: string;
  tokens: Token[];
  /** The URL and e-mail tokens, in order: the same objects as in `tokens`. */
  links: Token[];
  sentences: Sentence[];
  /** Folded (lower case, no accents) text of each token, by index. */
  folded: string[];
  /** Each token's word number (see word-ids.ts), by index, and the numbering it belongs to. */
  wordIds: Int32Array;
  wordIdGeneration: number;
}

// The text is read from its code units (code-units.ts), not with charCodeAt: V8 checks the
// string's layout at every call.

/** "." "!" "?" "…": one-character punctuation that ends a sentence. */
function endsSentence(token: Token | undefined, codes: Uint16Array): boolean {
  // Not `token?.kind !== 'punct'`: comparing undefined there once made V8 compare the kinds
  // through its generic equality builtin, a call for every token (~200 a 1,000-character comment).
  if (token === undefined || token.kind !== 'punct' || token.end - token.start !== 1) return false;
  const c = codes[token.start] as number;
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

/** Where the first line break at or after `from` is in `text`; `text.length` when there is none. */
function lineBreakFrom(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

export function analyse(text: string): TextAnalysis {
  const links: Token[] = [];
  const tokens = tokenize(text, links);
  const codes = lastTokenizedUnits();
  const { ids, generation } = assignWordIds(tokens);
  const memo = foldedWords.for({ wordIds: ids, wordIdGeneration: generation });
  const count = tokens.length;
  const folded = new Array<string>(count);
  const sentences: Sentence[] = [];
  // One pass: each token's folded form, and whether a sentence ends after it.
  let first = 0;
  // The first line break at or after the end of the token being read: one lies between it and
  // the next token when it comes before the next token's start. Found again only once passed,
  // not searched for between every two tokens (a loop of a space or none, whose exit the
  // processor cannot guess).
  let lineBreak = lineBreakFrom(text, 0);
  for (let i = 0; i < count; i++) {
    const token = tokens[i] as Token;
    // An ASCII token folds to its lower case, already computed; another word's fold() is kept
    // by its number (fold() would test the word and look it up in its cache).
    if (token.ascii) folded[i] = token.lower;
    else {
      const id = ids[i] as number;
      let f = memo.get(id);
      if (f === undefined) {
        f = fold(token.text);
        memo.set(id, f);
      }
      folded[i] = f;
    }
    const next = i + 1 < count ? tokens[i + 1] : undefined;
    if (lineBreak < token.end) lineBreak = lineBreakFrom(text, token.end);
    // A line break between two tokens ends a sentence too: comments often skip the full stop.
    if ((next !== undefined && lineBreak < next.start) || (endsSentence(token, codes) && !endsSentence(next, codes))) {
      sentences.push({ start: (tokens[first] as Token).start, end: token.end, firstToken: first, endToken: i + 1 });
      first = i + 1;
    }
  }
  if (first < count)
    sentences.push({
      start: (tokens[first] as Token).start,
      end: (tokens[count - 1] as Token).end,
      firstToken: first,
      endToken: count,
    });
  return { text, tokens, links, sentences, folded, wordIds: ids, wordIdGeneration: generation };
}

/** Each word's folded form by its number. */
const foldedWords = new WordSlots<string>();

/** A lazily computed analysis: rules that never read it cost nothing. */
export function lazyAnalysis(text: string): () => TextAnalysis {
  let cached: TextAnalysis | undefined;
  return () => {
    cached ??= analyse(text);
    return cached;
  };
}
