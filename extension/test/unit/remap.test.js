import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedRegion, remapMarks, caretAfterEdit } from '../../lib/text/remap.js';
import { marksFromFindings } from '../../lib/marks.js';
import { wellFormed, codePointToUtf16, utf16Span } from '../../lib/text/utf16.js';

const mark = (text, start, word, extra = {}) => ({
  scope: 'span', start, end: start + word.length, text: word, edits: [{ start, end: start + word.length, text: 'x' }], ...extra,
});

test('changedRegion finds the single edited region', () => {
  assert.deepEqual(changedRegion('calm down now', 'calm down right now'), { start: 10, oldEnd: 10, newEnd: 16 });
  assert.deepEqual(changedRegion('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
});

test('spans after an edit shift, spans before stay, overlapped spans drop', () => {
  const before = 'Hi. Calm down. Per my last email, no.';
  const marks = [mark(before, 4, 'Calm down'), mark(before, 15, 'Per my last email')];
  const typedAtStart = 'Hello. Calm down. Per my last email, no.';
  const moved = remapMarks(marks, before, typedAtStart);
  assert.deepEqual(moved.map((m) => typedAtStart.slice(m.start, m.end)), ['Calm down', 'Per my last email']);
  assert.equal(moved[1].edits[0].start, 18);

  const editedInside = 'Hi. Calm it down. Per my last email, no.';
  const kept = remapMarks(marks, before, editedInside);
  assert.deepEqual(kept.map((m) => m.text), ['Per my last email']);
});

test('a span whose text no longer matches is dropped (fail closed)', () => {
  const before = 'calm down';
  assert.deepEqual(remapMarks([mark(before, 0, 'calm down')], before, 'calm downer'), []);
});

test('reply marks keep their insertion point through edits elsewhere', () => {
  const before = 'Thanks. We fixed it.';
  const reply = { scope: 'reply', start: 0, end: 0, text: '', edits: [{ start: 0, end: 0, text: "I'm sorry. " }] };
  const after = 'Thanks. We fixed it today.';
  assert.deepEqual(remapMarks([reply], before, after)[0].edits[0], { start: 0, end: 0, text: "I'm sorry. " });
});

test('UTF-16 helpers: lone surrogates, code point conversion', () => {
  assert.equal(wellFormed('ok \ud83d'), 'ok \ufffd');
  assert.equal(wellFormed('ok 😀').length, 5);
  assert.equal(codePointToUtf16('Hi 👋🏽 sorry', 6), 8);
  assert.deepEqual(utf16Span('Hi 👋🏽 sorry', { offset: 6, length: 5 }), { start: 8, end: 13 });
  assert.deepEqual(utf16Span('x', { offset: 6, length: 5, offset_utf16: 8, length_utf16: 5 }), { start: 8, end: 13 });
});

test('findings become UTF-16 marks; a finding whose text does not fit is dropped', () => {
  const text = 'Hi 👋🏽 calm down';
  const findings = [
    { rule: 'tone-policing', category: 'dismissive', scope: 'span', offset: 6, length: 9, offset_utf16: 8, length_utf16: 9, text: 'calm down',
      suggestions: [{ text: 'I understand', kind: 'replace', offset: 6, length: 9, offset_utf16: 8, length_utf16: 9 }] },
    { rule: 'bad', category: 'dismissive', scope: 'span', offset: 0, length: 2, offset_utf16: 0, length_utf16: 2, text: 'no', suggestions: [] },
  ];
  const marks = marksFromFindings(findings, text);
  assert.equal(marks.length, 1);
  assert.deepEqual([marks[0].start, marks[0].end, marks[0].edits[0].start], [8, 17, 8]);
});

test('the caret stays put before an edit, shifts after it, lands after the new text inside it', () => {
  const edit = { start: 4, end: 13, text: 'I understand' }; // "calm down" -> "I understand": +3
  assert.equal(caretAfterEdit(2, edit), 2);
  assert.equal(caretAfterEdit(20, edit), 23);
  assert.equal(caretAfterEdit(13, edit), 16);
  assert.equal(caretAfterEdit(6, edit), 16);
  assert.equal(caretAfterEdit(null, edit), 16);
  assert.equal(caretAfterEdit(30, { start: 0, end: 0, text: "I'm sorry. " }), 41);
});
