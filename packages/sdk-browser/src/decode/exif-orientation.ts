/**
 * Chromium applies the EXIF orientation tag even with
 * `createImageBitmap(..., { imageOrientation: 'none' })` (measured on Chromium
 * 156: an orientation-6 JPEG decodes rotated), but hotline lists are hashed by
 * the PDQ reference pipeline, which ignores orientation. So before decoding we
 * rewrite the tag to 1 ("as stored") in a copy of the file's head; the pixels
 * themselves are untouched.
 */

/** JPEG APP1 segments and PNG eXIf chunks sit before the image data; this covers them. */
const HEAD_BYTES = 256 * 1024;
const ORIENTATION_TAG = 0x0112;

/** Sets the orientation entry of IFD0 in the TIFF structure at `tiff` to 1. True if it changed. */
function neutraliseTiffOrientation(bytes: Uint8Array, tiff: number, end: number): boolean {
  if (tiff + 8 > end) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return false;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return false;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return false;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 8, little) === 1) return false;
    // Type SHORT, count 1: the value sits left-justified in the 4-byte field.
    view.setUint16(entry + 8, 1, little);
    return true;
  }
  return false;
}

function patchJpeg(head: Uint8Array): boolean {
  let pos = 2;
  while (pos + 4 <= head.length && head[pos] === 0xff) {
    const marker = head[pos + 1]!;
    // Start of scan or end of image: no metadata segments follow.
    if (marker === 0xda || marker === 0xd9) return false;
    const length = (head[pos + 2]! << 8) | head[pos + 3]!;
    const isExif =
      marker === 0xe1 &&
      head[pos + 4] === 0x45 && // E
      head[pos + 5] === 0x78 && // x
      head[pos + 6] === 0x69 && // i
      head[pos + 7] === 0x66 && // f
      head[pos + 8] === 0 &&
      head[pos + 9] === 0;
    if (isExif)
      return neutraliseTiffOrientation(head, pos + 10, Math.min(head.length, pos + 2 + length));
    pos += 2 + length;
  }
  return false;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function patchPng(head: Uint8Array): boolean {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let pos = 8;
  while (pos + 12 <= head.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(
      head[pos + 4]!,
      head[pos + 5]!,
      head[pos + 6]!,
      head[pos + 7]!,
    );
    if (type === 'IDAT' || type === 'IEND') return false;
    const dataEnd = pos + 8 + length;
    if (type === 'eXIf' && dataEnd + 4 <= head.length) {
      if (!neutraliseTiffOrientation(head, pos + 8, dataEnd)) return false;
      // A chunk with a stale CRC may be dropped by the decoder, orientation and all.
      view.setUint32(dataEnd, crc32(head.subarray(pos + 4, dataEnd)));
      return true;
    }
    pos = dataEnd + 4;
  }
  return false;
}

/** The first bytes of `file`: enough for its metadata segments and frame header. */
export async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

/**
 * `file` with any EXIF orientation reset to 1, or `file` itself when it has
 * none. `head` is `readHead(file)`; it is patched in place.
 */
export function withoutExifOrientation(file: Blob, head: Uint8Array): Blob {
  const isJpeg = head[0] === 0xff && head[1] === 0xd8;
  const isPng = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  const changed = (isJpeg && patchJpeg(head)) || (isPng && patchPng(head));
  return changed
    ? new Blob([head as Uint8Array<ArrayBuffer>, file.slice(head.length)], { type: file.type })
    : file;
}
