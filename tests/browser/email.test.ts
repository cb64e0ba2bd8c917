/// <reference lib="dom" />
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureEmails, parseEml } from '../helpers/email.js';

let browser: Browser;
const html = new Map<string, string>();

beforeAll(async () => {
  const { eml } = await fixtureEmails();
  for (const variant of ['en', 'bilingual']) html.set(variant, (await parseEml(eml(variant))).html as string);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
});

const cases = ['en', 'bilingual'].flatMap((variant) => [600, 375].flatMap((width) => (['light', 'dark'] as const).map((scheme) => [variant, width, scheme] as const)));

describe('the HTML part in Chromium', () => {
  it.each(cases)('%s at %i px, %s: fits the width, hides the preheader, shows the top links, in that scheme’s colours', async (variant, width, scheme) => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    await page.setContent(html.get(variant)!);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(await page.locator('.preheader').isVisible()).toBe(false);
    expect(await page.locator('.edition-links a').allInnerTexts()).toEqual(['View online', 'PDF']);
    const colours = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return { container: style('.container').backgroundColor, title: style('.statement-title').color, footer: style('.footer').color };
    });
    expect(colours).toEqual(
      scheme === 'dark'
        ? { container: 'rgb(28, 31, 36)', title: 'rgb(232, 234, 237)', footer: 'rgb(184, 190, 198)' }
        : { container: 'rgb(255, 255, 255)', title: 'rgb(17, 17, 17)', footer: 'rgb(102, 102, 102)' },
    );
    await page.close();
  });
});
