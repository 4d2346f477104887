// End-to-end harness: the real Flask app on a loopback port, a real browser with the unpacked
// extension, and fixture pages (real CKEditor 5 / Draft.js from npm) served at the production
// URLs with context.route, so the manifest's real `matches` apply. TACTFUL_BROWSER picks the
// browser: chromium (Debian's, through playwright-core; the default) or firefox (Debian's
// firefox-esr, through puppeteer-core and the Playwright-style adapter in firefox/).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { launchFirefox } from './firefox/index.js';

const BROWSERS = ['chromium', 'firefox'];
export const BROWSER = process.env.TACTFUL_BROWSER || 'chromium';
if (!BROWSERS.includes(BROWSER)) throw new Error(`TACTFUL_BROWSER must be one of ${BROWSERS.join(', ')}, not "${BROWSER}"`);

export const EXTENSION_DIR = fileURLToPath(new URL('../..', import.meta.url));
const REPO_DIR = path.resolve(EXTENSION_DIR, '..');
const FIXTURES = path.join(EXTENSION_DIR, 'test/fixtures');
const BUILT = path.join(EXTENSION_DIR, '.cache/fixtures');
/** Screenshots and measurements, one folder per browser. */
export const ARTIFACTS = path.join(EXTENSION_DIR, 'artifacts', BROWSER);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const VIEWPORT = { width: 1100, height: 760 };

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

/** Starts the real API from the repository's virtualenv; TACTFUL_E2E_SERVER points at a running one instead. */
export async function startApi() {
  if (process.env.TACTFUL_E2E_SERVER) return { url: process.env.TACTFUL_E2E_SERVER, stop: () => {} };
  const python = path.join(REPO_DIR, '.venv/bin/python');
  if (!existsSync(python)) throw new Error('No .venv: run scripts/setup-python (or scripts/test) first');
  const port = await freePort();
  // No LanguageTool for these tests (an empty home): the page must say spelling is not checked.
  const env = { ...process.env, TACTFUL_LT_HOME: path.join(tmpdir(), 'tactful-e2e-no-languagetool') };
  delete env.TACTFUL_LT_URL;
  delete env.TACTFUL_GRAMMAR;
  const child = spawn(python, [path.join(EXTENSION_DIR, 'test/e2e/serve_app.py'), String(port)], {
    cwd: REPO_DIR, env, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/v1/health`, 30000);
  return { url, stop: () => child.kill() };
}

/** Bundles the editor fixtures once (esbuild), rebuilt when a source is newer than its bundle. */
export async function buildFixtures() {
  for (const [name, entry] of [['zendesk', 'zendesk.js'], ['x', 'x.jsx']]) {
    const source = path.join(FIXTURES, entry);
    const out = path.join(BUILT, `${name}.js`);
    if (existsSync(out) && statSync(out).mtimeMs > statSync(source).mtimeMs) continue;
    await build({
      entryPoints: [source], outfile: out, bundle: true, format: 'iife', minify: true, logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"', global: 'window' }, jsx: 'automatic',
    });
  }
}

const SITES = {
  'https://acme.zendesk.com/**': { '/agent/tickets/101': 'zendesk.html', '/legacy': 'legacy.html' },
  'https://x.com/**': { '/acme/status/1': 'x.html' },
  'https://help.example.com/**': { '/legacy': 'legacy.html' }, // a site the agent adds in the options page
};

/** Chromium with the unpacked extension; its service worker is where chrome.* is evaluated. */
async function launchChromium() {
  const profile = mkdtempSync(path.join(tmpdir(), 'tactful-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context, worker, extensionId,
    extensionUrl: (file) => `chrome-extension://${extensionId}/${file}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function launchBrowser() {
  const binary = BROWSER === 'chromium' ? CHROMIUM : FIREFOX;
  if (!existsSync(binary)) throw new Error(`No ${BROWSER} at ${binary}: run scripts/setup-browser (or set ${BROWSER.toUpperCase()}_PATH)`);
  if (BROWSER === 'chromium') return launchChromium();
  const firefox = await launchFirefox({ executablePath: FIREFOX, extensionDir: EXTENSION_DIR, viewport: VIEWPORT });
  return { ...firefox, close: () => firefox.context.close() };
}

/**
 * Launches the browser with the unpacked extension pointed at `apiUrl`; fixture sites are routed.
 * `worker.evaluate(fn, arg)` runs in the extension (chrome.storage and the rest), and
 * `extensionUrl(file)` is the address of one of its pages.
 */
export async function launch(apiUrl) {
  await buildFixtures();
  const browser = await launchBrowser();
  for (const [pattern, pages] of Object.entries(SITES)) {
    await browser.context.route(pattern, (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname.startsWith('/fixture/')) return route.fulfill({ path: path.join(BUILT, path.basename(pathname)) });
      if (pages[pathname]) return route.fulfill({ path: path.join(FIXTURES, pages[pathname]), contentType: 'text/html' });
      return route.fulfill({ status: 404, body: 'not in the fixtures' });
    });
  }
  await browser.worker.evaluate((url) => chrome.storage.sync.set({ serverUrl: url }), apiUrl);
  return browser;
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Waits until the page's highlight registry holds a Tactful highlight of `category`. */
export async function waitForHighlight(page, category, timeout = 10000) {
  await page.waitForFunction((name) => CSS.highlights.has(name) && CSS.highlights.get(name).size > 0,
    `tactful-${category}`, { timeout });
}

/** The text under the first Tactful highlight of `category`. */
export function highlightedText(page, category) {
  return page.evaluate((name) => [...CSS.highlights.get(name)].map((r) => r.toString()), `tactful-${category}`);
}

/** Moves the mouse to the middle of the first range of a category's highlight (opens the card). */
export async function hoverHighlight(page, category) {
  const box = await page.evaluate((name) => {
    const rect = [...CSS.highlights.get(name)][0].getClientRects()[0];
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, `tactful-${category}`);
  await page.mouse.move(box.x, box.y);
  return box;
}

/** Locators inside the extension's shadow root (Playwright's CSS pierces open shadow roots). */
export const ui = (page) => ({
  card: page.locator('tactful-layer .card'),
  pill: page.locator('tactful-layer .pill'),
  panel: page.locator('tactful-layer .panel'),
  toast: page.locator('tactful-layer .toast'),
});

/** '#d93025' as getComputedStyle writes it: 'rgb(217, 48, 37)'. */
export function hexToRgb(hex) {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Asks the real API directly: the test's oracle for what a fix must do to the text. */
export async function apiCheck(apiUrl, body) {
  const response = await fetch(`${apiUrl}/v1/check`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return response.json();
}

/** `text` with the first suggestion of the first `category` finding applied, and that suggestion. */
export function expectedFix(text, findings, category) {
  const finding = findings.find((f) => f.category === category);
  if (!finding) throw new Error(`the API raised no ${category} finding for: ${text}`);
  const edit = finding.suggestions[0];
  const start = edit.offset_utf16;
  return { finding, edit, text: text.slice(0, start) + edit.text + text.slice(start + edit.length_utf16) };
}

/** Before/after hooks for a test file: the real API and a browser with the extension. */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.api = await startApi();
    env.browser = await launch(env.api.url);
  });
  after(async () => {
    await env.browser?.close();
    env.api?.stop();
  });
  return env;
}

/** Hovers a textarea underline box (drawn in the shadow root) until its card shows. */
export async function openCardOnBox(page, box) {
  const rect = await box.boundingBox();
  await page.mouse.move(rect.x + rect.width / 2, rect.y - 6);
  await ui(page).card.waitFor({ state: 'visible' });
}
