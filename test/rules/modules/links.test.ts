import { describe, expect, it } from 'vitest';
import {
  findLinks,
  isLinkBoundary,
  linksRule,
  linkWindows,
  nextHint,
  searchLinks,
} from '../../../src/rules/modules/links.js';
import { randomText, seededRandom } from '../../random.js';
import { makeRuleContext } from '../rule-context.js';

const context = (text: string, maxLinks = 1) => makeRuleContext(text, { data: null, options: { maxLinks } });

describe('links rule', () => {
  it.each([
    ['no link', 'Très bon article.'],
    ['one link', 'Source : https://www.arcep.fr/actualites'],
    ['an e-mail address is not a link', 'Écrivez à contact@example.org ou à presse@example.org'],
    ['file names and versions', 'Node.js 20, fichier rapport.pdf, version 1.2.3'],
  ])('valid: %s', (_case, text) => {
    expect(linksRule.check(text, context(text))).toEqual([]);
  });

  it.each([
    ['two URLs', 'https://a.example/x et http://b.example', ['https://a.example/x', 'http://b.example']],
    [
      'a bare domain with a new TLD and a www link',
      'promo-casino.xyz ou www.gain.shop',
      ['promo-casino.xyz', 'www.gain.shop'],
    ],
  ])('invalid: %s', (_case, text, expected) => {
    const [violation, ...rest] = linksRule.check(text, context(text));
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('links');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    for (const span of violation?.spans ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('follows the maxLinks threshold from the policy', () => {
    expect(
      linksRule.check('https://a.example https://b.example', context('https://a.example https://b.example', 2)),
    ).toEqual([]);
    expect(linksRule.check('https://a.example', context('https://a.example', 0))).toHaveLength(1);
  });

  it('validates its options', () => {
    expect(linksRule.parseOptions({})).toEqual({ maxLinks: 1 });
    expect(() => linksRule.parseOptions({ maxLinks: -1 })).toThrow();
    expect(() => linksRule.parseOptions({ maxlinks: 2 })).toThrow();
  });
});

describe('findLinks, window by window', () => {
  it.each([
    ['no hint', 'Très bon article, merci.', []],
    ['one address in a sentence', 'Écrivez à a@b.fr merci', [[10, 16]]],
    ['a scheme, up to the next space', 'voir https://x.fr/a?b puis', [[5, 21]]],
    ['a dotted word', 'Node.js vingt', [[0, 7]]],
    ['hints closer than the gap are one window', 'a@b.fr et c@d.fr', [[0, 16]]],
    [
      'hints farther apart are two',
      `a@b.fr ${'x '.repeat(40)}c@d.fr`,
      [
        [0, 6],
        [87, 93],
      ],
    ],
    [
      'a no-break space cuts a window, U+FEFF does not',
      `x@y.fr\u00a0${'a '.repeat(40)}z\ufeffw.fr`,
      [
        [0, 6],
        [87, 93],
      ],
    ],
    ['past 32 hints, the rest of the text is one window', '@ '.repeat(40), [[0, 80]]],
  ] as const)('%s', (_case, text, windows) => {
    expect(linkWindows(text)).toEqual(windows);
  });

  it.each([
    ['nothing', 'Très bon article', 0, -1],
    ['an at sign', 'écrire à a@b', 0, 10],
    ['two slashes', 'a / b //c', 0, 6],
    ['a scheme, any case: its colon', 'voir HTTPS://x', 0, 10],
    ['a scheme must start at or after from (then the slashes)', 'http://x', 1, 5],
    ['mailto', 'mailto:x', 0, 6],
    ['a letter, a dot, a letter', 'fin. Node.js', 0, 9],
    ['a digit before the dot', 'v1.x', 0, 2],
    ['a dot between digits is no hint', 'v1.2 et 3.5', 0, -1],
    ['no letter before the dot at from', 'a.b', 1, -1],
    ['non-ASCII letters are not hints', 'é.fr', 0, -1],
  ] as const)('nextHint: %s', (_case, text, from, expected) => {
    expect(nextHint(text, from)).toBe(expected);
  });

  it('nextHint finds what a look at every character finds, on 3,000 random texts and starting points', () => {
    // The definition, one character at a time (the code searches each kind of hint with indexOf).
    const letter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
    const digit = (c: number) => c >= 0x30 && c <= 0x39;
    const reference = (text: string, from: number): number => {
      for (let i = from; i < text.length; i++) {
        const c = text[i];
        if (c === '@' || (c === '/' && text[i + 1] === '/')) return i;
        const before = i > from ? text.charCodeAt(i - 1) : -1;
        if (c === '.' && (letter(before) || digit(before)) && letter(text.charCodeAt(i + 1))) return i;
        if (
          c === ':' &&
          ['http', 'https', 'ftp', 'mailto'].some(
            (s) => text.slice(Math.max(from, i - s.length), i).toLowerCase() === s,
          )
        )
          return i;
      }
      return -1;
    };
    const pieces = [
      'a',
      'Z',
      '1',
      '.',
      ':',
      '/',
      '@',
      ' ',
      'http',
      'HTTPS',
      'ftp',
      'mailto',
      'é',
      '’',
      '\n',
      'x.y',
      'p:',
    ];
    const next = seededRandom(7);
    const random = (n: number) => Math.floor(next() * n);
    const different: string[] = [];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let k = random(30); k > 0; k--) text += pieces[random(pieces.length)];
      const from = random(text.length + 1);
      if (nextHint(text, from) !== reference(text, from)) different.push(`${JSON.stringify(text)} from ${from}`);
    }
    expect(different).toEqual([]);
  });

  it.each([
    [0x20, true],
    [0x0a, true],
    [0x09, true],
    [0xa0, true],
    [0x2028, true],
    [0x3000, true],
    [0xfeff, false],
    [0x01, false],
    [0x85, false],
    [0x2e, false],
  ])('boundary %i → %s', (code, expected) => {
    expect(isLinkBoundary(code)).toBe(expected);
  });

  // The windows are an optimisation: the links must be those of a search of the whole text.
  it('finds what a search of the whole text finds, on 1,500 link-heavy texts', () => {
    const pieces = [
      'https://www.lemonde.fr/les-articles/2024',
      'www.gain.shop',
      'promo-casino.xyz',
      'jean.dupont@gmail.com',
      '@Pseudo',
      'mailto:a@b.fr',
      '//cdn.example.com/a.js',
      'site.fr/page',
      'v1.2',
      'HTTPS://EXEMPLE.COM',
      'exemple.com:8080/x',
      'https://a.fr/x»abc',
      'le',
      'voir',
      'x@y',
      ...[' ', '  ', '\n', '\u00a0', '\u3000', '\u0001', '\u0085', '\ufeff', '', '(', ')', '"', '«', ',', '.', ':'],
    ];
    const random = seededRandom(11);
    let withLinks = 0;
    // Differences collected, not one expect() per text: ten thousand of those take seconds.
    const different: string[] = [];
    for (let n = 0; n < 1500; n++) {
      const text = randomText(random, pieces, 20);
      for (const includeEmails of [false, true]) {
        const found = findLinks(text, { includeEmails });
        if (JSON.stringify(found) !== JSON.stringify(searchLinks(text, includeEmails))) different.push(text);
        if (found.length > 0) withLinks++;
      }
    }
    expect(different).toEqual([]);
    expect(withLinks).toBeGreaterThan(900);
  });
});
