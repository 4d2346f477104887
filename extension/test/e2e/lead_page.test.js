// The web page at / as a support lead shows it to the team: the conversation side by side,
// every finding with why it matters, the customer reading, the score with its reason, the
// rewrite as a diff with Copy, and the agent's contact details in the inserted sentences.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCheck, expectedFix, hexToRgb, screenshot, useBrowser } from './harness.js';

const env = useBrowser();

const CUSTOMER = 'You charged me twice and nobody answers my emails. Unacceptable.';
const REPLY = 'Hi Dana,\n\nCalm down, as I already explained, that is our policy. Sorry for any inconvenience.\n\nBest,\nSam';
const WIDE = { width: 1280, height: 900 };

/** The page with the customer's message and the reply filled in, once the review shows their check. */
async function openWithReply({ viewport = WIDE, reply = REPLY, customer = CUSTOMER } = {}) {
  const page = await env.browser.context.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${env.api.url}/`);
  await page.locator('#customer').fill(customer);
  await page.locator('#reply').fill(reply);
  await reviewed(page, reply);
  return { page, problems };
}

/** Waits until the review is for `text`: the score is shown and nothing is being checked. */
function reviewed(page, text) {
  return page.waitForFunction((expected) => document.getElementById('reply').value === expected &&
    !document.getElementById('verdict').hidden && !document.getElementById('review').classList.contains('stale') &&
    document.getElementById('review').getAttribute('aria-busy') === 'false', text, { timeout: 10000 });
}

/** What the page sends for `text` with the defaults of a fresh page (email, no contact details). */
function oracle(text, extra = {}) {
  return apiCheck(env.api.url, { text, channel: 'email', customer_message: CUSTOMER, ...extra });
}

const box = (page, selector) => page.locator(selector).first().boundingBox();
const disabled = (page, selector) => page.locator(selector).evaluate((node) => node.disabled);

describe('the web page as a lead shows it', () => {
  test('lists every finding in reading order with the rule\'s explanation, and the score with its reason', async () => {
    const { page, problems } = await openWithReply();
    const expected = await oracle(REPLY);
    const categories = new Map((await (await fetch(`${env.api.url}/v1/rules`)).json()).categories.map((c) => [c.id, c]));
    const inOrder = [...expected.findings].sort((a, b) => a.offset_utf16 - b.offset_utf16);
    assert.ok(inOrder.some((f) => f.scope === 'span') && inOrder.some((f) => f.scope === 'reply'), 'the reply has both kinds');

    const rows = page.locator('#findings > li');
    assert.equal(await rows.count(), inOrder.length);
    const shown = await rows.evaluateAll((items) => items.map((item) => ({
      label: item.querySelector('.chip').textContent,
      colour: getComputedStyle(item.querySelector('.chip .dot')).backgroundColor,
      flagged: item.querySelector('.flagged').textContent,
      message: item.querySelector('.message').textContent,
      why: item.querySelector('.message .why').textContent,
    })));
    shown.forEach((row, index) => {
      const finding = inOrder[index];
      assert.equal(row.message, finding.message, `finding ${index + 1} explains itself with its rule's message`);
      assert.ok(finding.message.startsWith(row.why) && row.why.length < finding.message.length,
        `why it matters is the message's first sentence: ${row.why}`);
      assert.equal(row.label, categories.get(finding.category).label);
      assert.equal(row.colour, hexToRgb(categories.get(finding.category).colour));
      assert.equal(row.flagged, finding.scope === 'span' ? finding.text : 'Missing from the reply');
    });
    assert.equal(await page.locator('#findings-count').textContent(), String(inOrder.length));

    assert.equal(await page.locator('#score').textContent(), String(expected.score));
    assert.equal(await page.locator('#score-reason').textContent(), expected.score_reason);
    assert.equal(await page.locator('#reading .upset').textContent(), 'The customer sounds upset');
    assert.deepEqual(await page.locator('#reading li').allTextContents(), expected.customer.reasons);
    // Tall enough for the screenshot to hold the whole review.
    await page.setViewportSize({ width: WIDE.width, height: 1900 });
    await screenshot(page, 'lead-page-wide');
    assert.deepEqual(problems, [], 'no script or CSP errors');
    await page.close();
  });
});

describe('the layout', () => {
  test('puts the customer\'s message and the reply side by side when wide, and stacks them when narrow', async () => {
    const { page } = await openWithReply();
    const [customer, reply] = [await box(page, '#customer'), await box(page, '#reply')];
    assert.ok(Math.abs(customer.y - reply.y) < 2 && customer.x + customer.width < reply.x, 'side by side');
    const [findings, rewrite] = [await box(page, '#findings'), await box(page, '#diff')];
    assert.ok(findings.x + findings.width < rewrite.x, 'the findings and the rewrite side by side too');

    // Scrolled down to the review, the reply's pill goes with the reply instead of floating over the list.
    const pillAway = (away) => page.waitForFunction((expected) =>
      document.querySelector('tactful-layer').shadowRoot.querySelector('.bar').classList.contains('away') === expected, away);
    await pillAway(false);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await pillAway(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await pillAway(false);

    // A phone-sized window, tall enough for the screenshot to hold the whole page.
    await page.setViewportSize({ width: 400, height: 3600 });
    const [narrowCustomer, narrowReply] = [await box(page, '#customer'), await box(page, '#reply')];
    assert.ok(narrowReply.y >= narrowCustomer.y + narrowCustomer.height, 'the reply comes under the customer\'s message');
    assert.ok(Math.abs(narrowReply.x - narrowCustomer.x) < 2);
    const [narrowFindings, narrowRewrite] = [await box(page, '#findings'), await box(page, '#diff')];
    assert.ok(narrowRewrite.y >= narrowFindings.y + narrowFindings.height, 'the rewrite comes under the findings');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing runs off the side');
    await screenshot(page, 'lead-page-narrow');
    await page.close();
  });
});

describe('the rewrite', () => {
  test('shows the words it takes out and puts in, copies, and replaces the reply on request', async () => {
    const { page } = await openWithReply();
    const expected = await oracle(REPLY);
    assert.notEqual(expected.rewrite, REPLY);
    const removed = await page.locator('#diff del').allTextContents();
    const added = await page.locator('#diff ins').allTextContents();
    assert.ok(removed.some((words) => words.includes('Calm down')), `removed: ${removed.join(' | ')}`);
    assert.ok(removed.every((words) => REPLY.includes(words)), 'only words of the reply are shown as removed');
    assert.ok(added.every((words) => expected.rewrite.includes(words)) && added.length > 0, `added: ${added.join(' | ')}`);
    const asRewritten = await page.locator('#diff').evaluate((node) =>
      [...node.childNodes].filter((child) => child.nodeName !== 'DEL').map((child) => child.textContent).join(''));
    assert.equal(asRewritten, expected.rewrite, 'kept and inserted words spell the rewrite');

    await page.locator('#copy').click();
    await page.locator('#copied', { hasText: 'Copied' }).waitFor();
    // Pasting it somewhere shows what the clipboard holds.
    await page.locator('#customer').fill('');
    await page.locator('#customer').press('Control+V');
    assert.equal(await page.locator('#customer').inputValue(), expected.rewrite);
    await page.locator('#customer').fill(CUSTOMER);
    await reviewed(page, REPLY);

    await page.locator('#use').click();
    assert.equal(await page.locator('#reply').inputValue(), expected.rewrite);
    await reviewed(page, expected.rewrite);
    const after = await oracle(expected.rewrite);
    assert.equal(await page.locator('#score').textContent(), String(after.score));
    assert.ok(after.score > expected.score, `the rewrite scores ${after.score}, the reply ${expected.score}`);
    // One edit: undo brings the agent's own reply back.
    await page.locator('#reply').press('Control+Z');
    assert.equal(await page.locator('#reply').inputValue(), REPLY);
    await page.close();
  });

  test('cannot be copied or used once the reply has changed, until it is checked again', async () => {
    const { page } = await openWithReply();
    await page.locator('#reply').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Thanks');
    assert.equal(await disabled(page, '#use'), true);
    assert.equal(await disabled(page, '#copy'), true);
    await reviewed(page, `${REPLY} Thanks`);
    assert.equal(await disabled(page, '#use'), false);
    await page.close();
  });
});

describe('a kind reply', () => {
  test('has nothing to change and nothing to rewrite', async () => {
    const reply = 'Yes, we ship to Canada: delivery takes about five days.';
    const { page } = await openWithReply({ reply, customer: 'Do you ship to Canada?' });
    assert.equal(await page.locator('#findings > li').count(), 0);
    await page.locator('#no-findings:not([hidden])').waitFor();
    await page.locator('#same:not([hidden])').waitFor();
    assert.equal(await page.locator('#diff').textContent(), reply);
    assert.equal(await page.locator('#diff del, #diff ins').count(), 0);
    assert.equal(await disabled(page, '#use'), true);
    assert.equal(await page.locator('#score').textContent(), '100');
    assert.equal(await page.locator('#reading .calm').textContent(), 'The customer sounds calm');
    await page.close();
  });
});

describe('fixes from the list', () => {
  test('apply through the same path as the card, from the keyboard, and the focus stays in the list', async () => {
    const { page } = await openWithReply();
    const expected = await oracle(REPLY);
    const fix = expectedFix(REPLY, expected.findings, 'dismissive');
    const row = page.locator('#findings > li', { hasText: fix.finding.text }).first();
    await row.locator('button.fix').first().press('Enter');
    assert.equal(await page.locator('#reply').inputValue(), fix.text);
    assert.ok(await page.evaluate(() => document.getElementById('findings').contains(document.activeElement)),
      'the focus is on the next finding, not thrown to the page');
    await reviewed(page, fix.text);
    assert.ok(await page.evaluate(() => document.getElementById('findings').contains(document.activeElement)),
      'and stays there when the new check redraws the list');
    await page.close();
  });

  test('the contact details filled in on the page are the ones the inserted sentence gives', async () => {
    const { page } = await openWithReply();
    const contactRow = page.locator('#findings > li', { hasText: 'No direct contact' });
    await contactRow.locator('button', { hasText: 'Add my details' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'contact-phone');
    await page.locator('#contact-phone').fill('+44 20 7946 0958');
    await page.locator('#contact-email').fill('sam.lee@example.com');
    await page.locator('#contact-email').press('Tab');
    const expected = await oracle(REPLY, { contact: { phone: '+44 20 7946 0958', email: 'sam.lee@example.com' } });
    const contact = expected.findings.find((f) => f.rule === 'missing-contact');
    assert.match(contact.suggestions[0].text, /\+44 20 7946 0958.*sam\.lee@example\.com/);
    await contactRow.locator('.preview', { hasText: 'sam.lee@example.com' }).waitFor();
    assert.equal(await contactRow.locator('.preview').textContent(), `Adds: “${contact.suggestions[0].preview}”`);
    assert.equal((await page.locator('#diff ins', { hasText: 'sam.lee@example.com' }).count()), 1, 'the rewrite gives them too');
    await contactRow.locator('button', { hasText: 'Insert' }).click();
    const withContact = await page.locator('#reply').inputValue();
    assert.ok(withContact.includes(contact.suggestions[0].text.trim()), withContact);
    await reviewed(page, withContact);
    assert.equal(await page.locator('#findings > li', { hasText: 'No direct contact' }).count(), 0);
    await page.close();
  });
});
