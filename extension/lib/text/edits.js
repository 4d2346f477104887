// A word diff (change objects {value, added, removed}, as the diff library returns them)
// turned back into the edits that make the old text read as the new one.

/** Edits {start, end, text} in UTF-16 offsets of the old text, first to last. */
export function editsFromChanges(changes) {
  const edits = [];
  let offset = 0;
  let open = null;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open) edits.push(open);
      open = null;
      offset += change.value.length;
      continue;
    }
    open ??= { start: offset, end: offset, text: '' };
    if (change.removed) {
      offset += change.value.length;
      open.end = offset;
    } else open.text += change.value;
  }
  if (open) edits.push(open);
  return edits;
}
