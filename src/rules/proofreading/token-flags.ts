/**
 * Flags by token index for one comment at a time (sentence starts, tokens already in an error),
 * in a buffer kept from one comment to the next: clearing the comment's part of it costs less than
 * allocating and filling two arrays per comment. Not re-entrant: one comment is checked at a time
 * (`check` is synchronous).
 */
export class TokenFlags {
  private buffer = new Uint8Array(256);

  /**
   * The buffer with entries 0 to `count` (one past the last token) cleared; entries beyond may
   * hold another comment's flags and must not be read.
   */
  cleared(count: number): Uint8Array {
    if (this.buffer.length <= count) this.buffer = new Uint8Array(Math.max(count + 1, this.buffer.length * 2));
    this.buffer.fill(0, 0, count + 1);
    return this.buffer;
  }
}
