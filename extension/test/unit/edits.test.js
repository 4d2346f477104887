import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { editsFromChanges } from '../../lib/text/edits.js';
import { renderDiff, wordChanges } from '../../lib/ui/diff.js';

const apply = (text, edits) => edits.reduceRight((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);

test('the edits from a word diff make the old reply read exactly as the rewrite', () => {
  const pairs = [
    ['Calm down, that’s our policy. 😀 Thanks.', 'I understand how frustrating this is. 😀 Thanks.\nYou can reach me on 0123.'],
    ['Sorry you feel that way.', 'I’m sorry we got this wrong.'],
    ['Hello\n\nthere', 'Hello\n\nthere'],
    ['', 'I’m sorry.'],
    ['Remove all of this', ''],
    ['café naïve — ok', 'Café naïve — okay, thank you'],
  ];
  for (const [before, after] of pairs) {
    const edits = editsFromChanges(wordChanges(before, after));
    assert.equal(apply(before, edits), after, `${before} → ${after}`);
    for (const [i, edit] of edits.entries()) if (i) assert.ok(edit.start >= edits[i - 1].end, 'edits do not overlap');
  }
  assert.deepEqual(editsFromChanges(wordChanges('same text', 'same text')), []);
});

test('the drawn diff shows removed words struck through and new ones inserted', () => {
  const { document } = new JSDOM('').window;
  const block = renderDiff(document, 'Calm down, we are busy.', 'I understand, we are busy.');
  const removed = [...block.querySelectorAll('del')].map((n) => n.textContent).join(' ');
  assert.ok(removed.includes('Calm') && removed.includes('down'), removed);
  assert.deepEqual([...block.querySelectorAll('ins')].map((n) => n.textContent), ['I understand']);
  assert.deepEqual([...block.querySelectorAll('del')].map((n) => n.textContent), ['Calm down']);
  assert.equal([...block.childNodes].filter((n) => n.nodeName !== 'DEL').map((n) => n.textContent).join(''), 'I understand, we are busy.');
});
