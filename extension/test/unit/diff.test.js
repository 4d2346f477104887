import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { renderDiff, wordChanges } from '../../lib/ui/diff.js';

const before = 'Hi Sam,\n\nCalm down, that is our policy. Sorry for any inconvenience 😀.\n\nBest,\nAlex';
const after = "Hi Sam,\n\nI hear you, and I want to help. Sorry the parcel was late 😀. You can reach me on 020 7946 0958.\n\nBest,\nAlex";

const spelled = (changes, drop) => changes.filter((c) => c.kind !== drop).map((c) => c.text).join('');

test('whole words are removed and added, and the rest is kept', () => {
  const changes = wordChanges(before, after);
  const removed = changes.filter((c) => c.kind === 'removed').map((c) => c.text.trim());
  const added = changes.filter((c) => c.kind === 'added').map((c) => c.text.trim());
  assert.deepEqual(removed, ['Calm down, that is our policy', 'for any inconvenience'], 'a comma between two changes joins them');
  assert.ok(added.includes('the parcel was late'), added.join(' | '));
  assert.ok(added.some((text) => text.includes('020 7946 0958')), added.join(' | '));
  assert.ok(!removed.some((text) => /Sam|Alex|Best/.test(text)), 'the greeting and sign-off stay as they were');
});

test('the kept and inserted parts spell the new text exactly, emoji and line breaks included', () => {
  assert.equal(spelled(wordChanges(before, after), 'removed'), after);
});

test('words in other scripts are compared as words, not letter by letter', () => {
  const changes = wordChanges('Привет, Андрей! Всё готово.', 'Привет, Иван! Всё готово.');
  assert.deepEqual(changes.filter((c) => c.kind !== 'same').map((c) => [c.kind, c.text]), [['removed', 'Андрей'], ['added', 'Иван']]);
});

test('a short word kept between two changes joins them, so the change reads as one phrase', () => {
  const changes = wordChanges('Hi, as I already explained, refunds take time.', 'Hi, I’m sorry. To recap, refunds take time.');
  assert.deepEqual(changes.filter((c) => c.kind === 'removed').map((c) => c.text.trim()), ['as I already explained']);
});

test('the same text is one unchanged part', () => {
  assert.deepEqual(wordChanges('Thanks, Sam.', 'Thanks, Sam.'), [{ kind: 'same', text: 'Thanks, Sam.' }]);
});

test('renders removed words in <del>, inserted ones in <ins>, and the rest as text', () => {
  const { document } = new JSDOM('<div id="view"></div>').window;
  const view = document.getElementById('view');
  view.append(renderDiff(document, 'Sorry for any inconvenience.', 'Sorry the parcel was late.'));
  assert.deepEqual([...view.querySelectorAll('del')].map((node) => node.textContent), ['for any inconvenience']);
  assert.deepEqual([...view.querySelectorAll('ins')].map((node) => node.textContent), ['the parcel was late']);
  const withoutRemoved = [...view.childNodes].filter((node) => node.nodeName !== 'DEL').map((node) => node.textContent).join('');
  assert.equal(withoutRemoved, 'Sorry the parcel was late.');
});

test('text that looks like markup stays text', () => {
  const { document } = new JSDOM('<div id="view"></div>').window;
  const view = document.getElementById('view');
  view.append(renderDiff(document, 'Hi Sam.', 'Hi <img src=x onerror=alert(1)> Sam.'));
  assert.equal(view.querySelector('img'), null);
  assert.match(view.querySelector('ins').textContent, /<img src=x/);
});
