/**
 * A spam pattern of the rule data (price, phone number) run only where it can match. Over a
 * 5,000-character comment, scanning the whole text was most of the rule's time, while every
 * match holds a digit or a currency sign a few characters after its start: the rule data says
 * which (`anchor`) and how far at most (`lead`), and the pattern is tried, anchored, only at the
 * positions up to `lead` characters before each anchor. The matches are exactly those of a scan
 * of the whole text (leftmost first, without overlap), provided the pattern never matches the
 * empty string and every match holds the anchor within `lead` characters of its start.
 */
export interface WindowedRegex {
  /** The pattern, global: a scan of the whole text. */
  all: RegExp;
  /** The same pattern, sticky: one try at one position. */
  at: RegExp;
  /** What every match holds, global; null to always scan the whole text. */
  anchor: RegExp | null;
  /** The anchor starts at most this many characters after the start of a match. */
  lead: number;
}

export interface RegexMatch {
  index: number;
  length: number;
}

/** Past this many anchors (a comment full of digits), the whole-text scan is cheaper. */
const MAX_ANCHORS = 64;

export function compileWindowed(
  source: string,
  flags: string,
  window: { anchor: string; lead: number } | undefined,
): WindowedRegex {
  const plain = flags.replace(/[gy]/g, '');
  return {
    all: new RegExp(source, `${plain}g`),
    at: new RegExp(source, `${plain}y`),
    anchor: window ? new RegExp(window.anchor, `${plain}g`) : null,
    lead: window?.lead ?? 0,
  };
}

function scanAll(re: RegExp, text: string): RegexMatch[] {
  const out: RegexMatch[] = [];
  for (const m of text.matchAll(re)) out.push({ index: m.index ?? 0, length: m[0].length });
  return out;
}

/** Anchor positions, or null when there are too many to be worth it. */
function anchorsOf(anchor: RegExp, text: string): number[] | null {
  const positions: number[] = [];
  anchor.lastIndex = 0;
  for (let m = anchor.exec(text); m !== null; m = anchor.exec(text)) {
    if (positions.length >= MAX_ANCHORS) return null;
    positions.push(m.index);
    if (m[0] === '') anchor.lastIndex++;
  }
  return positions;
}

/** Inside a surrogate pair: a scan in code points never starts a match there. */
function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const low = text.charCodeAt(i);
  const high = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/**
 * The anchors found in one text, by anchor pattern: patterns that share an anchor (a digit)
 * scan the text for it once.
 */
export type AnchorCache = Map<string, number[] | null>;

function cachedAnchorsOf(anchor: RegExp, text: string, cache: AnchorCache | undefined): number[] | null {
  if (cache === undefined) return anchorsOf(anchor, text);
  const key = `${anchor.flags} ${anchor.source}`;
  let positions = cache.get(key);
  if (positions === undefined) {
    positions = anchorsOf(anchor, text);
    cache.set(key, positions);
  }
  return positions;
}

/**
 * The matches of `regex` in `text`, as `text.matchAll` finds them. `anchorCache`: one per text,
 * shared by the patterns run on it.
 */
export function windowedMatches(regex: WindowedRegex, text: string, anchorCache?: AnchorCache): RegexMatch[] {
  const anchors = regex.anchor === null ? null : cachedAnchorsOf(regex.anchor, text, anchorCache);
  if (anchors === null) return scanAll(regex.all, text);
  const out: RegexMatch[] = [];
  const { at, lead } = regex;
  const unicode = at.unicode;
  // Positions before `next` are tried already or inside a match.
  let next = 0;
  for (const anchor of anchors) {
    let s = Math.max(next, anchor - lead);
    while (s <= anchor) {
      if (unicode && splitsPair(text, s)) {
        s++;
        continue;
      }
      at.lastIndex = s;
      // Most tries fail: test() first, which makes no match array (exec's result object was
      // most of the cost of a failed try), then exec() again where it matches.
      let m: RegExpExecArray | null = null;
      if (at.test(text)) {
        at.lastIndex = s;
        m = at.exec(text);
      }
      if (m !== null && m[0].length > 0) {
        out.push({ index: s, length: m[0].length });
        s += m[0].length;
      } else s++;
    }
    next = Math.max(next, s);
  }
  return out;
}
