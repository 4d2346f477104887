// Before and after of a text as one run of words: what stays, what goes and what comes in.
// jsdiff (lib/vendor/jsdiff) finds the changes; Intl.Segmenter splits the words, so a reply
// in any script is compared word by word, not letter by letter. A change of white space alone
// is not marked: the kept and inserted parts spell `after` exactly.
import { diffWords } from '../vendor/jsdiff/diff/word.js';
import { el } from './layer.js';

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const SMALL = /^\s*(?:[\p{L}\p{N}]{1,3}|[,;])?\s*$/u;

/**
 * The changes from `before` to `after`, in order: [{kind: 'same' | 'removed' | 'added', text}].
 * A short word or a comma kept between two changes joins them ("Calm down, as I already
 * explained" struck as one phrase, not around a kept "I"), so the change reads as a phrase.
 */
export function wordChanges(before, after) {
  const parts = diffWords(before, after, { intlSegmenter: words });
  const out = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = added = '';
  };
  for (const [i, part] of parts.entries()) {
    const changed = part.added || part.removed;
    const between = !changed && (removed || added) && SMALL.test(part.value) && (parts[i + 1]?.added || parts[i + 1]?.removed);
    if (part.removed || between) removed += part.value;
    if (part.added || between) added += part.value;
    if (changed || between) continue;
    flush();
    out.push({ kind: 'same', text: part.value });
  }
  flush();
  return out;
}

/**
 * The changes as DOM nodes to put in a container that keeps line breaks (white-space:
 * pre-wrap): removed words in <del>, inserted ones in <ins>, the rest as plain text.
 */
export function renderDiff(doc, before, after) {
  const nodes = doc.createDocumentFragment();
  for (const { kind, text } of wordChanges(before, after)) {
    if (kind === 'same') nodes.append(text);
    else nodes.append(el(doc, kind === 'added' ? 'ins' : 'del', '', text));
  }
  return nodes;
}
