/**
 * The layout of the files `npm run build` writes into dist/ (civility's tables, the Hunspell
 * snapshot, the filters of accent-free forms): the length of a JSON header (4 bytes,
 * little-endian), the header, then the payload, from an offset aligned to `align` bytes (4 for
 * typed arrays read from it). The header says what the file was made from, so that a reader can
 * tell a file made from other inputs, or by other code, and ignore it.
 */
export function framed(header: object, payload: readonly Uint8Array[], align = 1): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(payloadOffset(json.length, align));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  return Buffer.concat([head, ...payload]);
}

/**
 * The header of a buffer `framed` made, parsed but not checked (its reader knows its fields), and
 * where the payload starts; null when the buffer cannot be one.
 */
export function unframed(buffer: Buffer, align = 1): { header: Record<string, unknown>; payloadAt: number } | null {
  if (buffer.length < 4) return null;
  const length = buffer.readUInt32LE(0);
  if (4 + length > buffer.length) return null;
  let header: unknown;
  try {
    header = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null) return null;
  return { header: header as Record<string, unknown>, payloadAt: payloadOffset(length, align) };
}

const payloadOffset = (headerLength: number, align: number) => Math.ceil((4 + headerLength) / align) * align;
