import { fold } from './fold.js';
import { type Token, tokenize } from './tokenize.js';
import { assignWordIds, type Numbered, WordSlots } from './word-ids.js';

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
  sentences: Sentence[];
  /** Folded (lower case, no accents) text of each token, by index. */
  folded: string[];
  /** Each token's word number (see word-ids.ts), by index, and the numbering it belongs to. */
  wordIds: Int32Array;
  wordIdGeneration: number;
}

const NEWLINE = 0x0a;

/** "." "!" "?" "…": one-character punctuation that ends a sentence. */
function endsSentence(token: Token | undefined): boolean {
  if (token?.kind !== 'punct' || token.text.length !== 1) return false;
  const c = token.text.charCodeAt(0);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

function lineBreakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === NEWLINE) return true;
  return false;
}

export function analyse(text: string): TextAnalysis {
  const tokens = tokenize(text);
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (endToken: number) => {
    if (endToken <= first) return;
    const firstTok = tokens[first] as Token;
    const lastTok = tokens[endToken - 1] as Token;
    sentences.push({ start: firstTok.start, end: lastTok.end, firstToken: first, endToken });
    first = endToken;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    // A line break between two tokens ends a sentence too: comments often skip the full stop.
    if (next && lineBreakBetween(text, token.end, next.start)) {
      close(i + 1);
      continue;
    }
    if (endsSentence(token) && !endsSentence(next)) close(i + 1);
  }
  close(tokens.length);
  const { ids, generation } = assignWordIds(tokens);
  const numbered: Numbered = { wordIds: ids, wordIdGeneration: generation };
  return { text, tokens, sentences, folded: foldedOf(tokens, numbered), ...numbered };
}

/** Each word's folded form by its number: fold() would test the word and look it up in its cache. */
const foldedWords = new WordSlots<string>();

function foldedOf(tokens: readonly Token[], numbered: Numbered): string[] {
  const memo = foldedWords.for(numbered);
  const ids = numbered.wordIds;
  const folded = new Array<string>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    // An ASCII token folds to its lower case, already computed.
    if (token.ascii) {
      folded[i] = token.lower;
      continue;
    }
    const id = ids[i] as number;
    let f = memo.get(id);
    if (f === undefined) {
      f = fold(token.text);
      memo.set(id, f);
    }
    folded[i] = f;
  }
  return folded;
}

/** A lazily computed analysis: rules that never read it cost nothing. */
export function lazyAnalysis(text: string): () => TextAnalysis {
  let cached: TextAnalysis | undefined;
  return () => {
    cached ??= analyse(text);
    return cached;
  };
}
