import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isBuiltInSite, isSiteEnabled } from '../../lib/settings.js';

test('a site switch covers its subdomains, and the closest entry wins', () => {
  const off = { sites: { 'zendesk.com': false } };
  assert.equal(isSiteEnabled(off, 'acme.zendesk.com'), false);
  assert.equal(isSiteEnabled(off, 'zendesk.com'), false);
  assert.equal(isSiteEnabled(off, 'notzendesk.com'), true);
  assert.equal(isSiteEnabled(off, 'x.com'), true);
  const backOn = { sites: { 'zendesk.com': false, 'acme.zendesk.com': true } };
  assert.equal(isSiteEnabled(backOn, 'acme.zendesk.com'), true);
  assert.equal(isSiteEnabled(backOn, 'other.zendesk.com'), false);
  assert.equal(isSiteEnabled({ sites: {} }, 'acme.zendesk.com'), true);
});

test('Zendesk subdomains and X are built in; any other site is offered in the popup', async () => {
  const manifest = JSON.parse(await readFile(new URL('../../manifest.json', import.meta.url), 'utf8'));
  for (const host of ['acme.zendesk.com', 'x.com', 'twitter.com']) assert.equal(isBuiltInSite(host, manifest), true, host);
  for (const host of ['zendesk.com.evil.example', 'help.acme.com', 'notzendesk.com', 'mobile.x.com']) assert.equal(isBuiltInSite(host, manifest), false, host);
});
