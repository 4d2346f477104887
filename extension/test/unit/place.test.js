import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placePanel, placePill } from '../../lib/ui/place.js';

const rect = (left, top, width, height) => ({ left, top, width, height, right: left + width, bottom: top + height });
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const pill = { width: 130, height: 24 };
const viewport = { width: 1100, height: 760 };

test('the pill sits in the corner when the text leaves room, else outside the editor', () => {
  const editor = rect(170, 300, 760, 200);
  const corner = placePill({ editor, textBottom: 340, pill, viewport });
  assert.ok(corner.top + pill.height <= editor.bottom && corner.left + pill.width <= editor.right, 'inside the corner');
  const full = placePill({ editor, textBottom: 492, pill, viewport });
  assert.equal(full.top, editor.bottom + 4, 'below the editor when the text reaches its bottom');
});

test('a reply running past the screen keeps its pill on screen and off the text', () => {
  const editor = rect(170, 100, 760, 1400);
  const at = placePill({ editor, textBottom: 1490, pill, viewport });
  const box = rect(at.left, at.top, pill.width, pill.height);
  assert.ok(box.bottom <= viewport.height && box.right <= viewport.width, 'on screen');
  assert.equal(overlaps(box, editor), false, 'beside the editor, not over its last visible line');
});

test('with no room anywhere else the pill still shows, at the bottom of the screen', () => {
  const editor = rect(0, 0, 1100, 2000);
  const at = placePill({ editor, textBottom: 1990, pill, viewport });
  assert.equal(at.top + pill.height, viewport.height - 8);
});

test('the panel opens beside a narrow editor, and above or below a wide one, never over its text', () => {
  const panel = { width: 320, height: 420 };
  const heightAt = () => panel.height;
  const narrow = rect(24, 80, 560, 180);
  const pillBox = rect(450, 266, 130, 24);
  const beside = placePanel({ editor: narrow, pill: pillBox, heightAt, viewport });
  assert.equal(beside.width, 320);
  assert.equal(overlaps(rect(beside.left, beside.top, beside.width, Math.min(panel.height, beside.maxHeight)), narrow), false);
  assert.ok(beside.maxHeight >= panel.height, 'all of it shows');

  const wide = rect(170, 460, 760, 160);
  const wideBox = rect(800, 626, 130, 24);
  const above = placePanel({ editor: wide, pill: wideBox, heightAt, viewport });
  assert.ok(above.top + Math.min(panel.height, above.maxHeight) <= wide.top, 'above: more room there than below');
  assert.ok(above.maxHeight >= panel.height);
  assert.equal(above.width, 640, 'as wide as the editor allows, in two columns');

  const high = rect(170, 60, 760, 160);
  const below = placePanel({ editor: high, pill: rect(800, 226, 130, 24), heightAt, viewport });
  assert.ok(below.top >= 250 && below.maxHeight >= panel.height, 'below the pill, all of it shows');
});

test('a panel taller than the room it gets scrolls within the screen', () => {
  const editor = rect(170, 200, 760, 160);
  const spot = placePanel({ editor, pill: rect(800, 366, 130, 24), heightAt: () => 2000, viewport });
  assert.ok(spot.top >= 8 && spot.top + spot.maxHeight <= viewport.height - 8);
});
