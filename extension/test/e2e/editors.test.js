// Each editor end to end: type a dismissive reply, see the underline, open the card, apply
// the fix, and check the editor's own state (not just its DOM); then insert a missing apology.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCheck, expectedFix, hoverHighlight, highlightedText, openCardOnBox, screenshot, ui, useBrowser, waitForHighlight } from './harness.js';

const CUSTOMER_101 = 'I was charged twice for my subscription and nobody has answered my emails for a week. This is unacceptable.';
const CUSTOMER_X = '@acme my order is two weeks late and nobody answers my DMs. Really disappointed 😡';

const env = useBrowser();

/** Opens the card on the first underline of `category` and clicks its first fix. */
async function applyFirstFix(page, category, name) {
  await hoverHighlight(page, category);
  const card = ui(page).card;
  await card.waitFor({ state: 'visible' });
  await screenshot(page, `${name}-card`);
  await card.locator('button.fix').first().click();
  await card.waitFor({ state: 'hidden' });
}

/** Clicks Insert on the apology the API asks for; returns the text the editor must then hold. */
async function insertApology(page, text, request) {
  const answer = await apiCheck(env.api.url, { ...request, text });
  const expected = expectedFix(text, answer.findings, 'missing-apology').text;
  await ui(page).pill.click();
  const reading = ui(page).panel.locator('.reading');
  assert.equal(await reading.locator('.tag').textContent(), 'Customer upset', 'the panel says how the customer reads');
  assert.equal(await reading.locator('li').first().textContent(), answer.customer.reasons[0]);
  await ui(page).panel.locator('.item', { hasText: 'No apology' }).locator('button.fix').click();
  return expected;
}

/** Types `reply`, waits for its dismissive underline, applies the card's first fix; returns the text expected after it. */
async function typeAndFix(page, editor, reply, request, name) {
  await page.locator(editor).click();
  await page.keyboard.type(reply);
  await waitForHighlight(page, 'dismissive');
  await screenshot(page, `${name}-underlined`);
  const answer = await apiCheck(env.api.url, { ...request, text: reply });
  const fix = expectedFix(reply, answer.findings, 'dismissive');
  assert.ok((await highlightedText(page, 'dismissive')).includes(fix.finding.text));
  await applyFirstFix(page, 'dismissive', name);
  return fix.text;
}

describe('Zendesk composer (CKEditor 5)', () => {
  test('underlines, fixes through the model, keeps undo and the caret, inserts an apology', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/agent/tickets/101');
    await page.waitForFunction(() => window.editors?.['101'] && window.editors?.['102']);
    const reply = 'Hi Ana, please calm down. As I already explained, that is our policy.';
    const request = { channel: 'email', customer_message: CUSTOMER_101 };
    const fixed = await typeAndFix(page, '[data-ticket-id="101"] [data-test-id="omnicomposer-rich-text-ckeditor"]', reply, request, 'zendesk');

    const state = () => page.evaluate(() => {
      const editor = window.editors['101'];
      const position = editor.model.document.selection.getFirstPosition();
      return { data: editor.getData(), caret: position.path, other: window.editors['102'].getData() };
    });
    const now = await state();
    assert.equal(now.data, `<p>${fixed}</p>`);
    assert.deepEqual(now.caret, [0, fixed.length], 'caret stays at the end, where the agent was typing');
    assert.equal(now.other, '', 'the other open ticket is untouched');
    await screenshot(page, 'zendesk-fixed');

    await page.evaluate(() => window.editors['101'].execute('undo'));
    assert.equal((await state()).data, `<p>${reply}</p>`, "the fix is one step on CKEditor's own undo stack");
    await page.evaluate(() => window.editors['101'].execute('redo'));

    const expected = await insertApology(page, fixed, request);
    await page.waitForFunction((text) => text === window.editors['101'].getData()
      .replace(/<\/p><p>/g, '\n\n').replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' '), expected);
    await screenshot(page, 'zendesk-apology');
    await page.close();
  });
});

describe('X reply box (Draft.js + React 18)', () => {
  test("underlines, fixes through Draft's editing path, keeps its state and caret, inserts an apology", async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://x.com/acme/status/1');
    const reply = '@dana_k Hi 👋🏽 please calm down, it is not a big deal.';
    const request = { channel: 'twitter', customer_message: CUSTOMER_X };
    const fixed = await typeAndFix(page, 'div[data-testid^="tweetTextarea_"][role="textbox"]', reply, request, 'x');
    await page.waitForFunction((text) => window.draft.text() === text, fixed);
    await page.waitForTimeout(300); // let a wrong selection show itself, if Draft were to reset it
    const selection = await page.evaluate(() => window.draft.selection());
    assert.equal(selection.start, fixed.length, "Draft's own selection is after the text, where the agent was typing");
    assert.equal(selection.end, selection.start);
    assert.ok(await page.evaluate(() => window.draft.canUndo()), "the fix is on Draft's undo stack");
    await screenshot(page, 'x-fixed');

    const expected = await insertApology(page, fixed, request);
    await page.waitForFunction((text) => window.draft.text() === text, expected.replace(/\n+/g, '\n'));
    await screenshot(page, 'x-apology');
    await page.close();
  });
});

describe('plain textarea', () => {
  test('underlines from the mirror, fixes with native undo, keeps the caret', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/legacy');
    const reply = 'Hello,\nas I already explained, please calm down.\nThanks';
    const field = page.locator('#reply');
    await field.click();
    await page.keyboard.type(reply);
    const box = page.locator('tactful-layer .box[data-category="dismissive"]').first();
    await box.waitFor();
    const answer = await apiCheck(env.api.url, { text: reply, channel: 'email' });
    const fix = expectedFix(reply, answer.findings, 'dismissive');
    await field.evaluate((el) => el.setSelectionRange(3, 3)); // caret before the phrase
    await openCardOnBox(page, box);
    await screenshot(page, 'textarea-card');
    await ui(page).card.locator('button.fix').first().click();
    assert.equal(await field.inputValue(), fix.text);
    assert.equal(await field.evaluate((el) => el.selectionStart), 3, 'a caret before the fix does not move');
    await page.keyboard.press('Control+Z');
    assert.equal(await field.inputValue(), reply, 'native undo reverts the fix');
    const [start, end] = await field.evaluate((el) => [el.selectionStart, el.selectionEnd]);
    assert.equal(start, end, 'the words the undo brought back are not left selected');
    await page.keyboard.type('!');
    assert.equal((await field.inputValue()).replace('!', ''), reply, 'the next keystroke replaces nothing');
    await page.close();
  });

  test('Ignore once hides that finding for good; Turn off this rule stores the rule', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/legacy');
    await page.locator('#reply').click();
    await page.keyboard.type('As I already explained, please calm down.');
    const boxes = page.locator('tactful-layer .box[data-category="dismissive"]');
    await boxes.nth(1).waitFor();
    await openCardOnBox(page, boxes.first());
    await ui(page).card.getByText('Ignore once').click();
    assert.equal(await boxes.count(), 1);
    await page.keyboard.type(' Thanks.');
    await page.waitForTimeout(1500); // a fresh check comes back and must not bring it back
    assert.equal(await boxes.count(), 1);
    await page.mouse.move(0, 0);
    await openCardOnBox(page, boxes.first());
    await ui(page).card.getByText('Turn off this rule').click();
    assert.equal(await boxes.count(), 0);
    const { disabledRules } = await env.browser.worker.evaluate(() => chrome.storage.sync.get({ disabledRules: [] }));
    assert.equal(disabledRules.length, 1);
    // The toast offers to undo it: the rule is on again and its finding comes back.
    const { toast } = ui(page);
    assert.match(await toast.textContent(), /that rule is off everywhere\.Undo$/);
    await screenshot(page, 'rule-off-toast');
    await toast.getByText('Undo').click();
    await boxes.first().waitFor();
    const after = await env.browser.worker.evaluate(() => chrome.storage.sync.get({ disabledRules: [] }));
    assert.deepEqual(after.disabledRules, []);
    await page.close();
  });

  test('password and opted-out fields are never read', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/legacy');
    await page.locator('#opted-out').click();
    await page.keyboard.type('Calm down, as I already explained.');
    await page.locator('#secret').click();
    await page.keyboard.type('calm down');
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('tactful-layer .bar').count(), 0);
    await page.close();
  });
});

describe('generic contenteditable', () => {
  test('underlines with the Highlight API and fixes through insertText across lines', async () => {
    const page = await env.browser.context.newPage();
    await page.goto('https://acme.zendesk.com/legacy');
    await page.locator('#notes').click();
    await page.keyboard.type('Hello 👋🏽');
    await page.keyboard.press('Enter');
    await page.keyboard.type('please calm down.');
    await waitForHighlight(page, 'dismissive');
    const text = await page.locator('#notes').evaluate((el) => el.innerText);
    assert.equal(text, 'Hello 👋🏽\nplease calm down.');
    const fix = expectedFix(text, (await apiCheck(env.api.url, { text, channel: 'generic' })).findings, 'dismissive');
    await applyFirstFix(page, 'dismissive', 'contenteditable');
    assert.equal(await page.locator('#notes').evaluate((el) => el.innerText), fix.text);
    await page.close();
  });
});
