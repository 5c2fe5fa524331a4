#!/usr/bin/env node
// Renders extension/icons/icon.svg to icon-16/32/48/128.png with the Chromium the tests already
// use (playwright-core, no new dependency), and shows each size on a light and a dark toolbar
// in target/icons-preview.png for a look. The PNGs are committed; run this after editing the SVG:
//   node scripts/icons.mjs
// It never downloads a browser: CHROMIUM (default /usr/bin/chromium) must exist.
import { chromium } from 'playwright-core';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const icons = join(root, 'extension', 'icons');
export const SIZES = [16, 32, 48, 128];

const svg = await readFile(join(icons, 'icon.svg'), 'utf8');
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await writeFile(join(icons, `icon-${size}.png`), await page.screenshot({ omitBackground: true }));
    console.log(`icons: extension/icons/icon-${size}.png`);
  }
  // A preview: every size on a light and a dark toolbar colour.
  const row = (bg) => `<div style="background:${bg};padding:8px;display:flex;gap:12px;align-items:center">${
    SIZES.map((s) => `<img src="${src}" width="${s}" height="${s}">`).join('')}</div>`;
  await page.setViewportSize({ width: 260, height: 300 });
  await page.setContent(`<body style="margin:0">${row('#f9f9fb')}${row('#2b2a33')}</body>`);
  await mkdir(join(root, 'target'), { recursive: true });
  await page.screenshot({ path: join(root, 'target', 'icons-preview.png') });
} finally {
  await browser.close();
}
