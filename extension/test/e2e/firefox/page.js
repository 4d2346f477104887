// A Playwright-style page over a puppeteer-core page in Firefox (WebDriver BiDi).
import { DEFAULT_TIMEOUT_MS, Locator, retry } from './locator.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const EVENTS = new Set(['console', 'dialog', 'pageerror', 'request', 'response', 'close']);
const MODIFIERS = new Set(['Alt', 'Control', 'Meta', 'Shift']);

/** Playwright's key syntax ("Control+Z", "Shift+Enter", "+") as modifiers and one key. */
function parseShortcut(shortcut) {
  const parts = shortcut.length > 1 ? shortcut.split(/\+(?!$)/) : [shortcut];
  const key = parts.pop();
  const modifiers = parts.map((name) => (name === 'ControlOrMeta' ? 'Control' : name));
  const unknown = modifiers.find((name) => !MODIFIERS.has(name));
  if (unknown) throw new Error(`"${shortcut}": ${unknown} is not a modifier (Alt, Control, ControlOrMeta, Meta, Shift)`);
  // Control+Z on a real keyboard sends key "z": the letter is upper case only with Shift.
  const letter = /^[A-Z]$/.test(key) && modifiers.length && !modifiers.includes('Shift');
  return { modifiers, key: letter ? key.toLowerCase() : key };
}

class Keyboard {
  constructor(keyboard) {
    this.keyboard = keyboard;
  }

  /** Types each character as a key press; `delay` is the pause after each, as in Playwright. */
  async type(text, { delay = 0 } = {}) {
    if (!delay) return this.keyboard.type(text);
    for (const char of text) {
      await this.keyboard.press(char);
      await sleep(delay);
    }
  }

  async press(shortcut) {
    const { modifiers, key } = parseShortcut(shortcut);
    for (const modifier of modifiers) await this.keyboard.down(modifier);
    await this.keyboard.press(key);
    for (const modifier of modifiers.reverse()) await this.keyboard.up(modifier);
  }

  down(key) { return this.keyboard.down(key); }
  up(key) { return this.keyboard.up(key); }
}

export class FirefoxPage {
  /**
   * @param {import('puppeteer-core').Page} page
   * @param {{ opened?: boolean }} options opened: the page was opened by the browser (a popup)
   *   and is still on its first about:blank, so waitForLoadState waits for what it goes to.
   */
  constructor(page, { opened = false } = {}) {
    this.puppeteer = page;
    this.opened = opened;
    this.keyboard = new Keyboard(page.keyboard);
    this.mouse = page.mouse; // move(x, y), click(x, y), down(), up(), wheel(): the same as Playwright's
  }

  /** Loads `url`; web pages answer with the response (headers(), status()), extension pages with null. */
  async goto(url, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    if (url.startsWith('chrome-extension:')) throw new Error(`${url}: use env.browser.extensionUrl(path) for the extension's own pages`);
    if (url.startsWith('moz-extension:')) {
      // puppeteer does not follow a tab into the extension's process: ask BiDi directly.
      await this.puppeteer.mainFrame().browsingContext.navigate(url, 'complete');
      return null;
    }
    return this.puppeteer.goto(url, { timeout, waitUntil: 'load' });
  }

  /** Loads the page's address again (extension pages through BiDi, like goto). */
  async reload() {
    return this.goto(await this.puppeteer.evaluate(() => location.href));
  }

  evaluate(fn, arg) {
    return this.puppeteer.evaluate(fn, arg);
  }

  /** Playwright's argument order (fn, arg, options); resolves to a handle on the truthy value. */
  waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT_MS, polling = 'raf' } = {}) {
    return this.puppeteer.waitForFunction(fn, { timeout, polling }, arg);
  }

  async waitForLoadState() {
    await retry('the page to load', DEFAULT_TIMEOUT_MS, async () => {
      const { href, readyState } = await this.puppeteer.evaluate(() => ({ href: location.href, readyState: document.readyState }));
      if (this.opened && href === 'about:blank') return { wait: 'still on about:blank' };
      return readyState === 'complete' ? {} : { wait: `document is ${readyState}` };
    });
  }

  setViewportSize({ width, height }) {
    return this.puppeteer.setViewport({ width, height });
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  locator(css, options) {
    return new Locator(this, []).locator(css, options);
  }

  getByText(text) {
    return new Locator(this, []).getByText(text);
  }

  addInitScript(fn, arg) {
    return this.puppeteer.evaluateOnNewDocument(fn, arg);
  }

  screenshot(options) {
    return this.puppeteer.screenshot(options);
  }

  /** The events whose listeners get what Playwright's get (message.type()/text(), error.message, request.url()). */
  on(event, listener) {
    if (!EVENTS.has(event)) throw new Error(`page.on('${event}') is not in the Firefox adapter (see firefox/index.js)`);
    this.puppeteer.on(event, listener);
    return this;
  }

  close() {
    return this.puppeteer.close();
  }
}
