// Keeps findings attached to the right characters while the agent types during a check.
// Like Harper's spanMapping: find the one changed region, shift what follows it, drop what it
// touched, then keep only spans whose text still equals what the server flagged (fail closed).

/** The single region where `before` and `after` differ: {start, oldEnd, newEnd}. */
export function changedRegion(before, after) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Maps a span {start, end} through a change; null when the change overlaps it. */
export function mapSpan(span, change) {
  if (span.end <= change.start) return span;
  const delta = change.newEnd - change.oldEnd;
  if (span.start >= change.oldEnd) return { ...span, start: span.start + delta, end: span.end + delta };
  return null;
}

/**
 * Moves marks (see marks.js) from `before` to `after`. A mark survives only if its span and
 * every edit it offers survive and its span still reads the flagged text.
 */
export function remapMarks(marks, before, after) {
  if (before === after) return marks;
  const change = changedRegion(before, after);
  const out = [];
  for (const mark of marks) {
    const span = mapSpan(mark, change);
    const edits = mark.edits.map((edit) => mapSpan(edit, change));
    if (span && !edits.includes(null) && isIntact(span, after)) out.push({ ...span, edits });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;

/** True when a span mark still covers exactly the flagged words, not part of a longer word. */
export function isIntact(mark, text) {
  if (mark.scope === 'reply') return true;
  if (text.slice(mark.start, mark.end) !== mark.text) return false;
  const joins = (a, b) => WORD.test(a ?? '') && WORD.test(b ?? '');
  return !joins(text[mark.start - 1], mark.text[0]) && !joins(mark.text.at(-1), text[mark.end]);
}

/**
 * Where the caret belongs after `edit` replaces [start, end): where it was, shifted by the
 * length change when it was after the edit, or just after the new text when it was inside it.
 */
export function caretAfterEdit(caret, edit) {
  const delta = edit.text.length - (edit.end - edit.start);
  if (caret === null || caret === undefined) return edit.start + edit.text.length;
  if (caret < edit.start) return caret;
  if (caret > edit.end) return caret + delta;
  return edit.start + edit.text.length;
}
