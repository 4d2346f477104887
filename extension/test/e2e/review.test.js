// The keyboard path and "Before you send": step through findings with Alt+] / Alt+[, apply
// with Alt+Enter, review everything left in reading order, and apply all with a before/after.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCheck, expectedFix, screenshot, ui, useBrowser } from './harness.js';

const env = useBrowser();
const REPLY = 'Hi, as I already explained, refunds take time. Calm down, that’s our policy.';

/** The API's findings in the order the review lists them: underlines by position, then the reply as a whole. */
function readingOrder(findings) {
  const spans = findings.filter((f) => f.scope !== 'reply').sort((a, b) => a.offset_utf16 - b.offset_utf16);
  return [...spans, ...findings.filter((f) => f.scope === 'reply')];
}

async function typeReply(page, reply) {
  await page.goto('https://acme.zendesk.com/legacy');
  await page.locator('#reply').click();
  await page.keyboard.type(reply);
  await page.locator('tactful-layer .box[data-category="dismissive"]').nth(1).waitFor();
  await page.locator('tactful-layer .pill:not(.busy)').waitFor();
}

describe('keyboard path', () => {
  test('Alt+] and Alt+[ open each underline’s card in reading order; Alt+Enter applies its first fix', async () => {
    const page = await env.browser.context.newPage();
    await typeReply(page, REPLY);
    const field = page.locator('#reply');
    await field.evaluate((el) => el.setSelectionRange(0, 0));
    const spans = readingOrder((await apiCheck(env.api.url, { text: REPLY, channel: 'email' })).findings)
      .filter((f) => f.scope !== 'reply');
    const card = ui(page).card;
    for (const [key, finding] of [['Alt+BracketRight', spans[0]], ['Alt+BracketRight', spans[1]], ['Alt+BracketLeft', spans[0]]]) {
      await page.keyboard.press(key);
      await card.waitFor({ state: 'visible' });
      assert.equal(await card.locator('.message').textContent(), finding.message, key);
    }
    assert.match(await card.locator('.keys').textContent(), /Alt\+Enter applies the first fix/);
    await screenshot(page, 'keyboard-card');
    await page.keyboard.press('Alt+Enter');
    assert.equal(await field.inputValue(), expectedFix(REPLY, [spans[0]], spans[0].category).text);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reply', 'the agent is still typing in the reply');
    await page.keyboard.press('Alt+BracketRight');
    assert.equal((await field.inputValue()).includes(']'), false, 'the shortcut types nothing');
    await page.close();
  });
});

describe('before you send', () => {
  test('lists every finding in reading order with the score; keys move, apply and ignore; Esc goes back', async () => {
    const page = await env.browser.context.newPage();
    await typeReply(page, REPLY);
    const answer = await apiCheck(env.api.url, { text: REPLY, channel: 'email' });
    await page.keyboard.press('Alt+Backslash');
    const review = page.locator('tactful-layer .review');
    await review.waitFor({ state: 'visible' });
    const ordered = readingOrder(answer.findings);
    const messages = await review.locator('.row .message').allTextContents();
    assert.deepEqual(messages, ordered.map((f) => f.message), 'every finding, in reading order');
    assert.equal(await review.locator('.score strong').textContent(), `Score ${answer.score}/100`);
    assert.equal((await review.locator('.score span').textContent()).replace(' · ', ''), answer.score_reason);
    await screenshot(page, 'review-panel');

    await page.keyboard.press('ArrowDown');
    assert.equal(await review.locator('.row[aria-selected="true"] .message').textContent(), ordered[1].message);
    await page.keyboard.press('Delete');
    await review.locator('.row .message', { hasText: ordered[1].message }).waitFor({ state: 'detached' });
    assert.equal(await review.locator('.row').count(), ordered.length - 1, 'Delete ignores the selected finding');

    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const fixed = expectedFix(REPLY, [ordered[0]], ordered[0].category).text;
    await page.waitForFunction((text) => document.querySelector('#reply').value === text, fixed);
    await review.locator('.row .message', { hasText: ordered[0].message }).waitFor({ state: 'detached' });

    await page.keyboard.press('Escape');
    await review.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reply', 'Esc goes back to the reply');
    await page.close();
  });

  test('Apply all shows the reply before and after, then makes it read exactly as the rewrite', async () => {
    const page = await env.browser.context.newPage();
    await typeReply(page, REPLY);
    const answer = await apiCheck(env.api.url, { text: REPLY, channel: 'email' });
    assert.notEqual(answer.rewrite, REPLY);
    await ui(page).pill.click();
    await ui(page).panel.locator('.review-open').click();
    const review = page.locator('tactful-layer .review');
    await review.locator('button', { hasText: 'Apply all…' }).click();
    const diff = review.locator('.diff');
    await diff.waitFor();
    assert.equal(await diff.evaluate((node) => [...node.childNodes].filter((n) => n.nodeName !== 'DEL').map((n) => n.textContent).join('')),
      answer.rewrite, 'the after view is the rewrite');
    assert.ok((await diff.locator('del').allTextContents()).join(' ').includes('Calm down'), 'what goes is struck through');
    await screenshot(page, 'review-apply-all');
    await review.locator('button.fix', { hasText: 'Apply all' }).click();
    await page.waitForFunction((text) => document.querySelector('#reply').value === text, answer.rewrite);
    await review.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'reply', 'done, the agent is back in the reply');
    await page.keyboard.press('Control+Z');
    assert.equal(await page.locator('#reply').inputValue(), REPLY, 'one native undo brings the agent’s reply back');
    await page.close();
  });
});
