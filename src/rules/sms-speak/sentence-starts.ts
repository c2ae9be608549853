import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';

/** Punctuation after which the next word starts a sentence again ("Il a dit : Bcp de bruit"). */
const OPENERS = new Set([':', '«', '"', '“', '(', '—', '–', '-', '[', '…']);

/**
 * Whether each token starts its sentence (after any opening punctuation, mention or quote).
 * Computed only as far as asked: the detection asks in token order, and only about the few
 * capitalised or lone-letter tokens, so most comments need no pass over their tokens at all.
 */
export class SentenceStarts {
  /** By token index, filled in order (a hole is false). */
  private readonly flags: boolean[] = [];
  /** The sentence being read, and the next token of it to classify. */
  private sentence = 0;
  private next = 0;
  /** Whether the next word, number or elision of the sentence starts it. */
  private expectStart = true;

  constructor(private readonly analysis: TextAnalysis) {}

  at(i: number): boolean {
    if (i >= this.next) this.readUpTo(i);
    return this.flags[i] === true;
  }

  /** Classifies the tokens up to `i` at least; tokens outside every sentence stay false. */
  private readUpTo(i: number): void {
    const { sentences, tokens } = this.analysis;
    while (this.next <= i && this.sentence < sentences.length) {
      const s = sentences[this.sentence] as TextAnalysis['sentences'][number];
      if (this.next < s.firstToken) this.next = s.firstToken;
      if (this.next >= s.endToken) {
        this.sentence++;
        this.expectStart = true;
        continue;
      }
      const t = tokens[this.next] as Token;
      if (t.kind === 'word' || t.kind === 'number' || t.kind === 'elision') {
        if (this.expectStart) this.flags[this.next] = true;
        this.expectStart = false;
      } else if (t.kind === 'punct' && OPENERS.has(t.text)) {
        this.expectStart = true;
      }
      this.next++;
    }
  }
}
