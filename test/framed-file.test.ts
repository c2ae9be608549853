import { describe, expect, it } from 'vitest';
import { framed, unframed } from '../src/framed-file.js';

describe('framed files', () => {
  it.each([1, 4, 8])('reads back the header and the payload, which starts aligned to %i bytes', (align) => {
    const payload = Uint8Array.of(1, 2, 3, 4, 5);
    const buffer = framed({ format: 3, key: 'abc' }, [payload, Uint8Array.of(6)], align);
    const read = unframed(buffer, align);
    expect(read?.header).toEqual({ format: 3, key: 'abc' });
    expect((read?.payloadAt ?? -1) % align).toBe(0);
    expect([...buffer.subarray(read?.payloadAt)]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['shorter than its length', Buffer.from([3, 0, 0, 0])],
    ['a length past the end', Buffer.from('not a framed file')],
    ['a header that is not JSON', Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from('{x')])],
    ['a header that is not an object', framed(7 as unknown as object, [])],
  ])('is null for a buffer that is not one: %s', (_name, buffer) => {
    expect(unframed(buffer)).toBeNull();
  });
});
