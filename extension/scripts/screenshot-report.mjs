// Opens an audit's report.html in headless Chromium with the network cut off, checks that it
// asked for nothing but its own file, and saves a screenshot of its first screen and of each
// section (the top of a very tall one). Usage: node scripts/screenshot-report.mjs REPORT.html [OUT_DIR]
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const TALLEST = 2200; // a taller section (the worst replies) is shot from its top
const [report, out = 'artifacts/audit-report'] = process.argv.slice(2);
if (!report) {
  console.error('usage: node scripts/screenshot-report.mjs REPORT.html [OUT_DIR]');
  process.exit(2);
}
await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const outside = [];
await page.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith('file:')) return route.continue();
  outside.push(url);
  return route.abort();
});
await page.goto(pathToFileURL(path.resolve(report)).href);
await page.waitForFunction(() => [...document.querySelectorAll('.plotly-graph-div')].every((div) => div.querySelector('.main-svg')));
await page.screenshot({ path: path.join(out, '00-first-screen.png') });
const sections = await page.$$eval('main > section[id]', (all) => all.map((s) => s.id));
for (const [index, id] of sections.entries()) {
  const file = path.join(out, `${String(index + 1).padStart(2, '0')}-${id}.png`);
  const box = await page.locator(`#${id}`).boundingBox();
  await page.screenshot({ path: file, fullPage: true, clip: { ...box, height: Math.min(box.height, TALLEST) } });
  console.log(file);
}
await browser.close();
if (outside.length) {
  console.error(`the report asked the network for ${outside.length} resources: ${outside.slice(0, 5).join(', ')}`);
  process.exit(1);
}
console.log('no request left the file');
