// Before and after of a text as one run of words: what stays, what goes and what comes in.
// jsdiff (lib/vendor/jsdiff) finds the changes; Intl.Segmenter splits the words, so a reply
// in any script is compared word by word, not letter by letter. A change of white space alone
// is not marked: the kept and inserted parts spell `after` exactly.
import { diffWords } from '../vendor/jsdiff/diff/word.js';
import { el } from './layer.js';

const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The changes from `before` to `after`, in order: [{kind: 'same' | 'removed' | 'added', text}]. */
export function wordChanges(before, after) {
  return diffWords(before, after, { intlSegmenter: words }).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
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
