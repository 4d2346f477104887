// A reply before and after, word by word: the diff library's change objects, and the same
// drawn as one block of text with <ins> and <del> (never innerHTML).
import { diffWordsWithSpace } from '../vendor/diff/diff/word.js';
import { el } from './layer.js';

const SMALL_GAP = /^\s*[^\s]{0,3}\s*$/u;

/**
 * Change objects {value, added, removed} from `before` to `after`, whitespace kept exact.
 * A space or one short word ("I", "to", "the") left between two changes joins them, so
 * "Calm down" → "I understand" reads as one phrase struck and one inserted, not four
 * alternating words.
 */
export function wordChanges(before, after) {
  const out = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ value: removed, removed: true, added: false });
    if (added) out.push({ value: added, added: true, removed: false });
    removed = added = '';
  };
  const changes = diffWordsWithSpace(before, after);
  for (const [i, change] of changes.entries()) {
    const between = !change.added && !change.removed && SMALL_GAP.test(change.value) && (removed || added) &&
      (changes[i + 1]?.added || changes[i + 1]?.removed);
    if (change.removed || between) removed += change.value;
    if (change.added || between) added += change.value;
    if (change.added || change.removed || between) continue;
    flush();
    out.push(change);
  }
  flush();
  return out;
}

/** A `.diff` block of `after` with what it removes from `before` struck through. */
export function renderDiff(doc, before, after) {
  const block = el(doc, 'div', 'diff');
  for (const change of wordChanges(before, after)) {
    block.append(change.added ? el(doc, 'ins', '', change.value) : change.removed ? el(doc, 'del', '', change.value) : doc.createTextNode(change.value));
  }
  return block;
}
