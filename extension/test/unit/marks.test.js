import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setCategories } from '../../lib/categories.js';
import { toneMarks } from '../../lib/marks.js';
import { checkRequest } from '../../lib/api.js';

test('the count is the tone findings: spelling and grammar are not counted', () => {
  setCategories([
    { id: 'dismissive', label: 'Dismissive', colour: '#d93025', layer: 'tone' },
    { id: 'spelling', label: 'Spelling', colour: '#1098ad', layer: 'proofreading' },
  ]);
  const marks = [{ category: 'dismissive' }, { category: 'spelling' }, { category: 'spelling' }, { category: 'team-made' }];
  assert.deepEqual(toneMarks(marks).map((mark) => mark.category), ['dismissive', 'team-made']);
});

test('proofreading off asks the server for tone checks only', () => {
  assert.equal(checkRequest({ text: 'Hi', proofreading: false }).grammar, false);
  assert.equal('grammar' in checkRequest({ text: 'Hi' }), false);
});
