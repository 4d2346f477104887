// Where the pill and the panel go in a real composer: on screen, and never over the reply.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, ui, useBrowser } from './harness.js';

const env = useBrowser();
const EDITOR = '[data-ticket-id="101"] [data-test-id="omnicomposer-rich-text-ckeditor"]';

/** The rects of every line of text in the editor, and `part`'s rect in Tactful's shadow root. */
function layout(page, part) {
  return page.evaluate(([selector, name]) => {
    const editor = document.querySelector(selector);
    const lines = [];
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      lines.push(...[...range.getClientRects()].map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));
    }
    const box = document.querySelector('tactful-layer').shadowRoot.querySelector(name);
    const r = box.getBoundingClientRect();
    const e = editor.getBoundingClientRect();
    return {
      lines, part: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, editor: { left: e.left, top: e.top, right: e.right, bottom: e.bottom },
      viewport: { width: innerWidth, height: innerHeight }, scroll: { height: box.scrollHeight, client: box.clientHeight },
    };
  }, [EDITOR, part]);
}

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const onScreen = (r, viewport) => r.top >= 0 && r.left >= 0 && r.bottom <= viewport.height && r.right <= viewport.width;

describe('placement in the Zendesk composer', () => {
  test('on a reply longer than the screen, the pill stays on screen and covers no line, scrolled or not', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/agent/tickets/101');
    await page.waitForFunction(() => window.editors?.['101']);
    const line = 'we have looked into the double charge on your account, and the refund for the second payment is on its way back to your card.';
    await page.evaluate((text) => window.editors['101'].setData(Array.from({ length: 40 }, (_, i) => `<p>Line ${i + 1}: ${text}</p>`).join('')), line);
    await page.locator(EDITOR).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' As I already explained, refunds take time.');
    await ui(page).pill.filter({ hasText: /Tactful · \d/ }).waitFor();
    for (const scroll of [0, -600]) {
      await page.mouse.wheel(0, scroll);
      await page.waitForTimeout(150);
      const { lines, part, viewport } = await layout(page, '.pill');
      assert.ok(onScreen(part, viewport), `on screen after scrolling ${scroll}`);
      assert.deepEqual(lines.filter((line) => overlaps(line, part)), [], `covers no line after scrolling ${scroll}`);
    }
    await screenshot(page, 'placement-long-reply');
    await page.close();
  });

  test('the panel shows at least four missing items in full, around the reply, not over it', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/agent/tickets/101');
    await page.waitForFunction(() => window.editors?.['101']);
    await page.locator(EDITOR).click();
    await page.keyboard.type('Ok, noted.');
    await ui(page).pill.filter({ hasText: /Tactful · \d/ }).waitFor();
    await ui(page).pill.click();
    const panel = ui(page).panel;
    await panel.waitFor({ state: 'visible' });
    assert.ok(await panel.locator('.item').count() >= 4, 'the reply lacks at least four things');
    await screenshot(page, 'placement-panel');
    const { part, editor, viewport, scroll } = await layout(page, '.panel');
    assert.ok(onScreen(part, viewport), 'on screen');
    const items = await panel.locator('.item').evaluateAll((nodes) => nodes.map((node) => {
      const r = node.getBoundingClientRect();
      const box = node.parentNode.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom + 1;
    }));
    assert.ok(items.slice(0, 4).every(Boolean), `the first four items show in full without scrolling (${items})`);
    assert.ok(scroll.height <= scroll.client + 1 || (await panel.evaluate((node) => getComputedStyle(node).overflowY)) === 'auto', 'the rest scrolls');
    assert.equal(overlaps(part, editor), false, 'the reply stays readable');
    await page.close();
  });
});
