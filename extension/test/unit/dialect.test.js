import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequest } from '../../lib/api.js';
import { dialectFor } from '../../lib/settings.js';

// As GET /v1/rules serves them: the first is the server's default.
const DIALECTS = [
  { id: 'en-US', label: 'English (US)' }, { id: 'en-GB', label: 'English (UK)' },
  { id: 'en-CA', label: 'English (Canada)' }, { id: 'en-AU', label: 'English (Australia)' },
];

test('until the agent picks one, the dialect follows the browser language the server offers', () => {
  for (const language of ['en-GB', 'en-AU', 'en-CA', 'en-US']) assert.equal(dialectFor('', language, DIALECTS), language);
  assert.equal(dialectFor('', 'en-gb', DIALECTS), 'en-GB', 'language tags are case-insensitive');
  for (const language of ['en-NZ', 'en', 'en-IN', 'fr-FR', 'de', '', undefined]) {
    assert.equal(dialectFor('', language, DIALECTS), 'en-US', `${language} gets the server's default`);
  }
});

test("the agent's pick wins, unless the server no longer offers it", () => {
  assert.equal(dialectFor('en-AU', 'en-GB', DIALECTS), 'en-AU');
  assert.equal(dialectFor('en-ZA', 'en-GB', DIALECTS), 'en-GB');
  assert.equal(dialectFor('en-GB', 'en-GB', []), undefined, 'an unknown server: send none, it uses its default');
});

test('the check request carries the dialect as language, and none when there is none', () => {
  assert.equal(checkRequest({ text: 'Calm down.', dialect: 'en-GB' }).language, 'en-GB');
  assert.equal('language' in checkRequest({ text: 'Calm down.' }), false);
  assert.equal('language' in checkRequest({ text: 'Calm down.', dialect: undefined }), false);
});
