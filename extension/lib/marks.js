// Turns the API's findings into "marks": the same data in UTF-16 offsets of the checked text,
// which is what the DOM, textareas and remapping all count in.
import { utf16Span } from './text/utf16.js';
import { isIntact } from './text/remap.js';
import { categoryLayer } from './categories.js';

let nextId = 1;

/** Marks for `findings` of a response to `text`; findings that do not fit the text are dropped. */
export function marksFromFindings(findings, text) {
  const marks = [];
  for (const finding of findings) {
    const scope = finding.scope === 'reply' ? 'reply' : 'span';
    const edits = (finding.suggestions || []).map((s) => ({ ...utf16Span(text, s), text: s.text, kind: s.kind, label: s.label, preview: s.preview ?? '' }));
    const mark = {
      id: nextId++,
      ...utf16Span(text, finding),
      scope,
      rule: finding.rule,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      text: finding.text,
      needs: finding.needs ?? [],
      edits,
    };
    if (isIntact(mark, text) && edits.every((e) => e.start >= 0 && e.end <= text.length)) marks.push(mark);
  }
  return marks;
}

/** The findings the pill and the badge count: the reply's tone, not spelling and grammar. */
export function toneMarks(marks) {
  return marks.filter((mark) => categoryLayer(mark.category) === 'tone');
}

/** Key that identifies "this instance" for Ignore once: the rule and the words it flagged. */
export function ignoreKey(mark) {
  return `${mark.rule}\u0000${mark.text}`;
}
