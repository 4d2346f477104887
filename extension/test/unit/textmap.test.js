import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { buildTextMap, domRange, textOffset } from '../../lib/text/textmap.js';

const editable = (html) => {
  const { document } = new JSDOM(`<div contenteditable="true">${html}</div>`).window;
  return document.querySelector('div');
};

test('paragraphs are separated once, with no separator at the ends', () => {
  const root = editable('<p>Hi Ana,</p><p>calm down.</p>');
  assert.equal(buildTextMap(root).text, 'Hi Ana,\n\ncalm down.');
  assert.equal(buildTextMap(root, { blockSeparator: '\n' }).text, 'Hi Ana,\ncalm down.');
});

test('<br> is a line break but placeholder breaks are not', () => {
  const root = editable('<p>one<br>two</p><p><br data-cke-filler="true"></p><p>three</p>');
  assert.equal(buildTextMap(root).text, 'one\ntwo\n\nthree');
  const draft = editable('<div data-block="true"><div><span><span data-text="true">a</span></span></div></div>' +
    '<div data-block="true"><div><span><br data-text="true"></span></div></div>');
  assert.equal(buildTextMap(draft, { blockSeparator: '\n' }).text, 'a');
});

test('offsets are UTF-16 units, so emoji and non-BMP characters count two', () => {
  const root = editable('<p>Hi 👋🏽 <b>𝒞alm</b> down</p>');
  const map = buildTextMap(root);
  assert.equal(map.text, 'Hi 👋🏽 𝒞alm down');
  const start = map.text.indexOf('𝒞alm down');
  assert.equal(start, 8);
  const range = domRange(map, start, start + '𝒞alm down'.length);
  assert.equal(range.toString(), '𝒞alm down');
});

test('ranges cross paragraph boundaries and the separator maps to the next paragraph', () => {
  const root = editable('<p>first</p><p>second</p>');
  const map = buildTextMap(root);
  assert.equal(domRange(map, 3, 9).toString(), 'stse');
  const caret = domRange(map, 7, 7);
  assert.equal(caret.startContainer.data, 'second');
  assert.equal(caret.startOffset, 0);
});

test('fillers are skipped, NBSP reads as a space, islands are one object character', () => {
  const root = editable('<p>\u2060\u2060calm\u00a0down <span contenteditable="false">@ana</span>!</p>');
  const map = buildTextMap(root);
  assert.equal(map.text, 'calm down \uFFFC!');
  const range = domRange(map, 0, 9);
  assert.equal(range.toString(), 'calm\u00a0down');
  assert.equal(range.startOffset, 2);
});

test('DOM points map back to text offsets (caret reading)', () => {
  const root = editable('<p>ab</p><p>c😀d</p>');
  const map = buildTextMap(root);
  const [, second] = root.querySelectorAll('p');
  assert.equal(textOffset(map, second.firstChild, 3), 7);
  assert.equal(textOffset(map, root, root.childNodes.length), map.text.length);
  assert.equal(textOffset(map, second, 0), 4);
});

test('indentation between tags in hand-written HTML is not text', () => {
  const root = editable('\n  <p>one</p>\n  <p>two</p>\n');
  assert.equal(buildTextMap(root).text, 'one\n\ntwo');
});
