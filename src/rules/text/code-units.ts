import { Buffer } from 'node:buffer';
import { sequential } from './sequential.js';

/**
 * A comment's UTF-16 code units in a typed array, copied once per comment by the engine: the
 * scanners read every character, and `charCodeAt` costs tens of instructions a call where a
 * typed-array read costs a few (V8 checks the string's layout at every read, in loops too).
 * Measured on the bench's 500-character comments: one pass of civility's tokeniser over the text
 * went from ~53 to ~15 instructions a character, the copy included.
 */

/** Uint16Array cells are in the machine's byte order; the copy below writes little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * A reader of code units with a buffer of its own: `of(text)` gives the code units of `text` in
 * the first `text.length` cells of that buffer, reused by the reader's next call (past
 * `text.length` it holds older text). One reader per scanner, so that no scanner's units are
 * overwritten by another's while it reads them.
 */
export class CodeUnits {
  private units = new Uint16Array(1024);
  private bytes = Buffer.from(this.units.buffer);

  of(text: string): Uint16Array {
    if (text.length > this.units.length) {
      this.units = new Uint16Array(Math.max(text.length, this.units.length * 2));
      this.bytes = Buffer.from(this.units.buffer);
    }
    // UTF-16LE is the engine's own form: lone surrogates are copied as they are.
    if (LITTLE_ENDIAN) this.bytes.write(text, 0, 'utf16le');
    else for (let i = 0; i < text.length; i++) this.units[i] = text.charCodeAt(i);
    return this.units;
  }

  /** The buffer the last `of()` returned (its first `text.length` cells hold that text). */
  get last(): Uint16Array {
    return this.units;
  }

  /**
   * The same text as a flat sequential string (see sequential.ts), made from the units just
   * copied: one copy of the text for both.
   */
  flatCopy(text: string): string {
    if (text.length === 0) return text;
    return LITTLE_ENDIAN ? this.bytes.toString('utf16le', 0, 2 * text.length) : sequential(text);
  }
}

const civilityUnits = new CodeUnits();
/** The civility rule's reader (its tokeniser and word builder read the same comment's units). */
export const codeUnitsOf = (text: string): Uint16Array => civilityUnits.of(text);
