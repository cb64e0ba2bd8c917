import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from './cli.js';

export const NOTO_SANS_MATH = path.join(PROJECT_ROOT, 'node_modules/@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf');

/**
 * A damaged font, as a bad download or a bad disk leaves one: a copy of Noto
 * Sans Math with bytes 200,000 to 400,000 overwritten. fontkit opens it and
 * lays out Latin text, but the glyphs stored there (its Arabic letters,
 * among others) fail when a PDF embeds them.
 */
export async function writeDamagedFont(file: string): Promise<void> {
  const bytes = await readFile(NOTO_SANS_MATH);
  bytes.fill(0xab, 200_000, 400_000);
  await writeFile(file, bytes);
}
