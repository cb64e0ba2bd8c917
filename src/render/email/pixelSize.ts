/** JPEG markers that start a frame and carry its size (SOF0–SOF15 but DHT, JPG and DAC). */
const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Width and height in pixels of a PNG (its IHDR) or JPEG (its frame header),
 * or undefined for anything else. Outlook ignores CSS sizes on images, so the
 * email writes the logo's numeric width, which needs its proportions.
 */
export function pixelSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const size = headerSize(bytes);
  // A header that says 0 has no proportions to keep (the width would be Infinity).
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

function headerSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  for (let at = 2; at + 9 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Fill bytes and markers without a length (RSTn, TEM) are skipped one by one.
    if (marker === 0xff) at += 1;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else if (START_OF_FRAME.has(marker)) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    else at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
