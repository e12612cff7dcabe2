/**
 * The PDQ reference hashes an 8-bit grayscale file with luma = the gray
 * value, but a canvas always hands back RGBA, and 0.299f·g + 0.587f·g +
 * 0.114f·g is not always exactly g in float32. So the file's own header
 * decides whether the pixels are passed on as one channel.
 */
const JPEG_SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function jpegIsGrayscale(head: Uint8Array): boolean {
  let pos = 2;
  while (pos + 10 <= head.length && head[pos] === 0xff) {
    const marker = head[pos + 1]!;
    if (marker === 0xda || marker === 0xd9) return false;
    // Frame header: length(2) precision(1) height(2) width(2) components(1).
    if (JPEG_SOF_MARKERS.has(marker)) return head[pos + 9] === 1;
    pos += 2 + ((head[pos + 2]! << 8) | head[pos + 3]!);
  }
  return false;
}

/** True when `head` (the first bytes of a file) is a grayscale JPEG, or a gray or gray+alpha PNG. */
export function sourceIsGrayscale(head: Uint8Array): boolean {
  if (head[0] === 0xff && head[1] === 0xd8) return jpegIsGrayscale(head);
  const isPng = head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47;
  // IHDR is the first chunk; its colour type byte sits at offset 25. 0 = gray, 4 = gray + alpha.
  return isPng && head.length > 25 && (head[25] === 0 || head[25] === 4);
}
