/**
 * Unicode character classes the tokeniser needs, as bit flags, computed once per code point.
 * The regular expressions are the definition (Unicode properties as the engine knows them); the
 * table only remembers their answers, so a comment costs an array read per character.
 */
export const CLASS = {
  letter: 1, // \p{L}
  mark: 2, // \p{M}
  number: 4, // \p{N}
  space: 8, // \s
  pictographic: 16, // \p{Extended_Pictographic}
} as const;

const KNOWN = 128;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const NUMBER = /\p{N}/u;
const SPACE = /\s/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

// The Basic Multilingual Plane in a flat table (filled on first sight of each character), the
// rest (emoji, mostly) in a map.
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

function compute(cp: number): number {
  const char = String.fromCodePoint(cp);
  return (
    (LETTER.test(char) ? CLASS.letter : 0) |
    (MARK.test(char) ? CLASS.mark : 0) |
    (NUMBER.test(char) ? CLASS.number : 0) |
    (SPACE.test(char) ? CLASS.space : 0) |
    (PICTOGRAPHIC.test(char) ? CLASS.pictographic : 0)
  );
}

/**
 * The CLASS flags of a code point (plus a bit of bookkeeping above them: test with a mask).
 * Also right for a lone UTF-16 code unit of the BMP, surrogates included.
 */
export function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = bmp[cp] as number;
    if (known !== 0) return known;
    const computed = compute(cp) | KNOWN;
    bmp[cp] = computed;
    return computed;
  }
  let known = astral.get(cp);
  if (known === undefined) {
    known = compute(cp);
    astral.set(cp, known);
  }
  return known;
}

export const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/** End of the run of characters of class `mask` in text[i, to). */
export function endOfRun(text: string, i: number, to: number, mask: number): number {
  while (i < to) {
    const unit = text.charCodeAt(i);
    // Outside surrogate pairs a code unit is the code point: no codePointAt.
    const cp = isSurrogate(unit) ? (text.codePointAt(i) ?? 0) : unit;
    if ((classOf(cp) & mask) === 0) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

// ASCII and the Latin letters with accents are filled up front: they are most of every comment.
for (let cp = 0; cp < 0x250; cp++) classOf(cp);

/** Whether every character of the text is ASCII. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
