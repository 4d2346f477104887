import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedSpan } from '../../lib/text/edits.js';

test('one edit makes the old reply read exactly as the rewrite, touching only what changed', () => {
  const pairs = [
    ['Calm down, that’s our policy. 😀 Thanks.', 'I understand how frustrating this is. 😀 Thanks.\nYou can reach me on 0123.'],
    ['Sorry you feel that way.', 'I’m sorry we got this wrong.'],
    ['', 'I’m sorry.'],
    ['Remove all of this', ''],
    ['café naïve — ok', 'Café naïve — okay, thank you'],
    ['Hi 😀 there', 'Hi 😃 there'],
    ['aaa', 'aaaa'],
  ];
  for (const [before, after] of pairs) {
    const edit = changedSpan(before, after);
    assert.equal(before.slice(0, edit.start) + edit.text + before.slice(edit.end), after, `${before} → ${after}`);
    assert.ok(!/[\udc00-\udfff]/.test(before[edit.start] ?? '') && !/[\ud800-\udbff]/.test(before[edit.end - 1] ?? ''),
      'no emoji is cut in half');
  }
  assert.deepEqual(changedSpan('Hi Sam, calm down. Thanks', 'Hi Sam, I understand. Thanks'), { start: 8, end: 17, text: 'I understand' });
  assert.equal(changedSpan('same text', 'same text'), null);
});
