// Playwright-style locators over puppeteer-core: a locator is a list of steps, resolved afresh
// in the page (in-page.js) each time it is used, so it never holds a stale element. Like
// Playwright's, a locator that must act on one element fails when it matches several
// (first(), nth() and last() pick one), and actions wait until the element is actionable.
import { inPage } from './in-page.js';

export const DEFAULT_TIMEOUT_MS = 30000;
const POLL_MS = 50;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A text filter as the page gets it: a RegExp travels as its source and flags. */
const textFilter = (wanted) => (wanted instanceof RegExp ? { regexp: wanted.source, flags: wanted.flags } : { text: String(wanted) });

/** Calls `attempt` until it returns a result without `wait`; fails with the last reason at `timeout`. */
export async function retry(what, timeout, attempt) {
  const deadline = Date.now() + timeout;
  let reason;
  for (;;) {
    try {
      const result = await attempt();
      if (result?.error) throw new Error(`${what}: ${result.error}`);
      if (!result?.wait) return result;
      reason = result.wait;
    } catch (error) {
      if (!isNavigationRace(error)) throw error;
      reason = error.message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: timed out after ${timeout} ms (${reason})`);
    await sleep(POLL_MS);
  }
}

/** Errors that only mean the page was between documents when we asked. */
function isNavigationRace(error) {
  return /execution context|destroyed|navigat|no such (frame|node)|discarded/i.test(error.message);
}

export class Locator {
  /** @param {import('./page.js').FirefoxPage} page */
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  #then(step) {
    return new Locator(this.page, [...this.steps, step]);
  }

  locator(css, { hasText } = {}) {
    const scoped = this.#then({ css });
    return hasText === undefined ? scoped : scoped.filter({ hasText });
  }

  getByText(text) { return this.#then({ text: textFilter(text) }); }
  filter({ hasText }) { return this.#then({ hasText: textFilter(hasText) }); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  nth(index) { return this.#then({ nth: index }); }

  get #description() { return `locator ${JSON.stringify(this.steps)}`; }

  /** Runs an op of in-page.js on what the steps resolve to now. */
  #run(op, arg = null) {
    return this.page.puppeteer.evaluate(`(${inPage})(${JSON.stringify(this.steps)}, ${JSON.stringify(op)}, ${JSON.stringify(arg)})`);
  }

  count() { return this.#run('count'); }

  async isVisible() {
    return (await this.#run('state')).visible;
  }

  /** `state`: attached, detached, visible (the default) or hidden, as in Playwright. */
  async waitFor({ state = 'visible', timeout = DEFAULT_TIMEOUT_MS } = {}) {
    await retry(`${this.#description} to be ${state}`, timeout, async () => {
      const { count, visible } = await this.#run('state');
      if (count > 1 && (state === 'attached' || state === 'visible')) return { error: `strict mode violation: ${count} elements match` };
      const reached = { attached: count === 1, detached: count === 0, visible, hidden: !visible }[state];
      if (reached === undefined) return { error: `unknown state ${state}` };
      return reached ? {} : { wait: `${count} matching, visible: ${visible}` };
    });
  }

  async #read(property, arg = {}) {
    return (await retry(`${this.#description} ${property}`, DEFAULT_TIMEOUT_MS, () => this.#run('read', { ...arg, property }))).value;
  }

  textContent() { return this.#read('textContent'); }
  innerText() { return this.#read('innerText'); }
  inputValue() { return this.#read('inputValue'); }
  isChecked() { return this.#read('checked'); }
  getAttribute(name) { return this.#read('attribute', { name }); }
  boundingBox() { return this.#read('box'); }

  async allTextContents() {
    return this.evaluateAll((elements) => elements.map((el) => el.textContent));
  }

  /** A handle on the only element the steps resolve to (waits for it to be attached). */
  async elementHandle() {
    await this.waitFor({ state: 'attached' });
    const list = await this.page.puppeteer.evaluateHandle(`(${inPage})(${JSON.stringify(this.steps)}, "select", null)`);
    const element = await list.evaluateHandle((elements) => elements[0]);
    await list.dispose();
    return element;
  }

  async evaluate(fn, arg) {
    const element = await this.elementHandle();
    try {
      return await element.evaluate(fn, arg);
    } finally {
      await element.dispose();
    }
  }

  async evaluateAll(fn, arg) {
    const list = await this.page.puppeteer.evaluateHandle(`(${inPage})(${JSON.stringify(this.steps)}, "select", null)`);
    try {
      return await list.evaluate(fn, arg);
    } finally {
      await list.dispose();
    }
  }

  /** Where to put the pointer: the element's centre once it is visible, enabled, still and on top. */
  #point() {
    return retry(`${this.#description} to be clickable`, DEFAULT_TIMEOUT_MS, () => this.#run('point'));
  }

  async click() {
    const { x, y } = await this.#point();
    await this.page.puppeteer.mouse.click(x, y);
  }

  async hover() {
    const { x, y } = await this.#point();
    await this.page.puppeteer.mouse.move(x, y);
  }

  async #setChecked(checked) {
    if (await this.isChecked() === checked) return;
    await this.click();
    if (await this.isChecked() !== checked) throw new Error(`${this.#description}: clicking did not change its checked state`);
  }

  check() { return this.#setChecked(true); }
  uncheck() { return this.#setChecked(false); }

  async fill(value) {
    await retry(`${this.#description} fill`, DEFAULT_TIMEOUT_MS, () => this.#run('fill', { value }));
  }

  /** Playwright's selectOption with one value (an option's value attribute). */
  async selectOption(value) {
    await retry(`${this.#description} select ${value}`, DEFAULT_TIMEOUT_MS, () => this.#run('selectOption', { value }));
  }

  async focus() {
    await retry(`${this.#description} focus`, DEFAULT_TIMEOUT_MS, () => this.#run('focus'));
  }

  async blur() {
    await retry(`${this.#description} blur`, DEFAULT_TIMEOUT_MS, () => this.#run('blur'));
  }

  async press(key) {
    await this.focus();
    await this.page.keyboard.press(key);
  }
}
