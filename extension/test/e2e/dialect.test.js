// The dialect in Options: the check goes out in it, and Tactful's fixes come back spelled in it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dialectFor } from '../../lib/settings.js';
import { openCardOnBox, screenshot, ui, useBrowser } from './harness.js';

const env = useBrowser();
const REPLY = 'We apologise for any inconvenience this may have caused.';

/** Types the reply on the textarea page and returns the first fix its non-apology card offers. */
async function offeredFix() {
  const page = await env.browser.context.newPage();
  await page.goto('https://acme.zendesk.com/legacy');
  await page.locator('#reply').click();
  await page.keyboard.type(REPLY);
  const box = page.locator('tactful-layer .box[data-category="non-apology"]').first();
  await box.waitFor({ timeout: 15000 });
  await openCardOnBox(page, box);
  const fix = (await ui(page).card.locator('button.fix').first().textContent()).trim();
  await ui(page).card.locator('button.fix').first().click();
  const applied = await page.locator('#reply').inputValue();
  await page.close();
  return { fix, applied };
}

describe('dialect', () => {
  test('Options lists the server\'s dialects, starts from the browser\'s language, and the fixes follow the choice', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(env.browser.extensionUrl('options/options.html'));
    const select = page.locator('#dialect');
    await page.locator('#dialect option').first().waitFor({ state: 'attached' });
    const served = (await (await fetch(`${env.api.url}/v1/rules`)).json()).dialects;
    assert.deepEqual(await page.locator('#dialect option').evaluateAll((options) => options.map((o) => o.value)),
      served.map((dialect) => dialect.id));
    const browserLanguage = await page.evaluate(() => navigator.language);
    assert.equal(await select.inputValue(), dialectFor('', browserLanguage, served), `browser language ${browserLanguage}`);

    await select.selectOption('en-US');
    await page.waitForFunction(() => chrome.storage.sync.get('dialect').then(({ dialect }) => dialect === 'en-US'));
    const american = await offeredFix();
    assert.equal(american.fix, 'apologize for the trouble this caused');
    assert.equal(american.applied, 'We apologize for the trouble this caused.');

    await select.selectOption('en-GB');
    await page.waitForFunction(() => chrome.storage.sync.get('dialect').then(({ dialect }) => dialect === 'en-GB'));
    await screenshot(page, 'options-dialect');
    const british = await offeredFix();
    assert.equal(british.fix, 'apologise for the trouble this caused');
    assert.equal(british.applied, 'We apologise for the trouble this caused.');

    await page.reload();
    await page.locator('#dialect option').first().waitFor({ state: 'attached' });
    assert.equal(await select.inputValue(), 'en-GB', 'the choice is kept');
    await page.close();
  });

  test('the web page has the same select and spells its fixes by it', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.api.url}/`);
    await page.locator('#dialect option').first().waitFor({ state: 'attached' });
    await page.locator('#dialect').selectOption('en-CA');
    await page.locator('#reply').click();
    await page.keyboard.type(REPLY);
    const box = page.locator('tactful-layer .box[data-category="non-apology"]').first();
    await box.waitFor({ timeout: 15000 });
    await openCardOnBox(page, box);
    assert.equal((await ui(page).card.locator('button.fix').first().textContent()).trim(), 'apologize for the trouble this caused');
    await page.close();
  });
});
