// Firefox for the end-to-end tests: Debian's firefox-esr with the unpacked extension installed
// over WebDriver BiDi by puppeteer-core (stock Firefox cannot be driven by Playwright, which
// needs its own patched build). It offers the part of Playwright's API the test files use, so
// the same files run in Chromium (Playwright) and here.
//
// The subset, in Playwright's names and argument order (extend it here when a test needs more):
//   context  newPage(); waitForEvent('page'); route(glob, handler) with route.request().url(),
//            route.fulfill({ status, path | body, contentType, headers }), route.continue(),
//            route.abort(); close()
//   page     goto(url) (response.headers(), status(); null for extension pages); reload(); evaluate(fn, arg);
//            waitForFunction(fn, arg, { timeout, polling }) (a handle: jsonValue());
//            locator(css, { hasText }); getByText(text); waitForLoadState(); waitForTimeout(ms);
//            addInitScript(fn, arg); setViewportSize({ width, height }); screenshot({ path }); close();
//            on('console' | 'dialog' | 'pageerror' | 'request' | 'response' | 'close');
//            mouse.move(x, y) / click(x, y) / down() / up() / wheel();
//            keyboard.type(text, { delay }) / press('Control+Z') / down(key) / up(key)
//   locator  locator(css, { hasText }); getByText(text); filter({ hasText }); first(); last(); nth(i);
//            count(); waitFor({ state: attached | detached | visible | hidden, timeout }); click();
//            hover(); fill(value); selectOption(value); press(key); check(); uncheck(); focus(); blur(); textContent();
//            innerText(); inputValue(); getAttribute(name); isVisible(); isChecked(); boundingBox();
//            evaluate(fn, arg); evaluateAll(fn, arg); allTextContents(); elementHandle()
//   worker   evaluate(fn, arg): runs in an extension page with the chrome.* APIs (Firefox's MV3
//            background is an event page that WebDriver BiDi cannot reach)
// CSS crosses open shadow roots at each descendant space, as Playwright's does (`tactful-layer
// .card`); `a > b` and `a + b` match within one tree. hasText and getByText take a string
// (case-insensitive, whitespace-normalised substring) or a RegExp. Playwright's own selector
// extensions (`text=`, `:has-text()`, `:visible`, `>>`) and CDP sessions are not available.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { DEFAULT_TIMEOUT_MS } from './locator.js';
import { FirefoxPage } from './page.js';

const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };

/** Playwright's URL glob: `**` any characters, `*` any but `/`. */
function globToRegExp(glob) {
  const pattern = glob.split(/(\*\*|\*)/).map((part) => {
    if (part === '**') return '.*';
    if (part === '*') return '[^/]*';
    return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return new RegExp(`^${pattern}$`);
}

/** What a route handler is given: the request, and the three ways to answer it. */
class Route {
  constructor(request) {
    this.pending = request;
  }

  request() { return this.pending; }

  fulfill({ status = 200, path: file, body = '', contentType, headers = {} }) {
    const type = contentType ?? (file && CONTENT_TYPES[path.extname(file)]) ?? 'text/plain';
    return this.pending.respond({ status, headers, contentType: type, body: file ? readFileSync(file) : body });
  }

  continue() { return this.pending.continue(); }
  abort() { return this.pending.abort(); }
}

class FirefoxContext {
  #routes = [];
  #pages = new Set();
  #intercepting = new WeakSet();

  constructor(browser) {
    this.browser = browser;
  }

  async newPage() {
    return this.#adopt(await this.browser.newPage());
  }

  /** The next page the browser opens (a popup from windows.create, window.open). */
  waitForEvent(event, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    if (event !== 'page') throw new Error(`context.waitForEvent('${event}') is not in the Firefox adapter (see firefox/index.js)`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.browser.off('targetcreated', onTarget);
        reject(new Error(`no page opened within ${timeout} ms`));
      }, timeout);
      const onTarget = async (target) => {
        if (target.type() !== 'page') return;
        this.browser.off('targetcreated', onTarget);
        clearTimeout(timer);
        resolve(this.#adopt(await target.page(), { opened: true }));
      };
      this.browser.on('targetcreated', onTarget);
    });
  }

  /** Answers matching requests of every page of this context (the last route added wins, as in Playwright). */
  async route(glob, handler) {
    this.#routes.push({ pattern: globToRegExp(glob), handler });
    for (const page of this.#pages) await this.#intercept(page);
  }

  close() {
    return this.browser.close();
  }

  async #adopt(page, options) {
    this.#pages.add(page);
    page.once('close', () => this.#pages.delete(page));
    if (this.#routes.length) await this.#intercept(page);
    return new FirefoxPage(page, options);
  }

  async #intercept(page) {
    if (this.#intercepting.has(page)) return;
    this.#intercepting.add(page);
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      const route = this.#routes.findLast(({ pattern }) => pattern.test(request.url()));
      if (!route) return request.continue();
      try {
        await route.handler(new Route(request));
      } catch (error) {
        console.error(`route for ${request.url()} failed:`, error);
        await request.abort();
      }
    });
  }
}

/**
 * Starts Firefox with the unpacked extension. The extension's internal UUID is fixed up front
 * (pref extensions.webextensions.uuids) so its pages have a known moz-extension:// address;
 * --remote-allow-system-access lets WebDriver BiDi open them. Host permissions are granted at
 * install, as Firefox does by default (extensions.originControls.grantByDefault), and a
 * chrome.permissions.request from a click is granted as if the agent accepted its prompt.
 */
export async function launchFirefox({ executablePath, extensionDir, viewport }) {
  const { gecko } = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')).browser_specific_settings;
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: viewport,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [gecko.id]: uuid }),
      'extensions.originControls.grantByDefault': true,
      // A permission request is granted without its prompt (the prompt is browser chrome, out of BiDi's reach).
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  await browser.installExtension(extensionDir);
  const context = new FirefoxContext(browser);
  const extensionUrl = (file) => `moz-extension://${uuid}/${file}`;
  // The first tab holds the options page: the place to reach chrome.storage and the other APIs.
  const [first] = await browser.pages();
  const extensionPage = new FirefoxPage(first);
  await extensionPage.goto(extensionUrl('options/options.html'));
  const worker = { evaluate: (fn, arg) => extensionPage.evaluate(fn, arg) };
  return { context, worker, extensionId: uuid, extensionUrl };
}
