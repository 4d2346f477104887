import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSiteEnabled } from '../../lib/settings.js';

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
