// The page's list of findings, in reading order: the category's label in its colour, the words
// flagged (or "missing" for what the whole reply lacks), the rule's message and its fixes.
// A rule's message says first what the words do to the customer, then what to write instead
// (README, "Rules"): the first sentence is set apart as why the finding matters.
import { el } from './lib/ui/layer.js';
import { categoryColor, categoryLabel } from './lib/categories.js';
import { ignoreKey } from './lib/marks.js';

/** Findings top to bottom; what the whole reply lacks sits where its sentence would go. */
function inReadingOrder(marks) {
  return [...marks].sort((a, b) => a.start - b.start);
}

/** [why it matters, what to do]: the message's first sentence and the rest ('' if one sentence). */
function splitMessage(message) {
  const [, why, advice] = message.match(/^(.+?[.!?])\s+(\S.*)$/s) ?? [null, message, ''];
  return [why, advice];
}

export class FindingsList {
  /**
   * list: the <ol>; apply(mark, edit) goes through the session, like the card's buttons;
   * needDetail(detail) asks for the agent's contact details.
   */
  constructor(list, { apply, needDetail }) {
    Object.assign(this, { list, apply, needDetail });
    this.doc = list.ownerDocument;
  }

  /**
   * Redraws the list. The focus, when it was in the list, stays on the same button, or on the
   * finding now in the same place when that one is gone (fixed by the last edit).
   */
  show(marks) {
    if (marks === this.marks) return;
    this.marks = marks;
    const focused = this.list.contains(this.doc.activeElement) ? this.doc.activeElement : null;
    const place = focused ? [...this.list.children].findIndex((row) => row.contains(focused)) : -1;
    const seen = new Map();
    this.list.replaceChildren(...inReadingOrder(marks).map((mark) => {
      const base = ignoreKey(mark);
      seen.set(base, (seen.get(base) ?? 0) + 1);
      return this.item(mark, `${base}\u0000${seen.get(base)}`);
    }));
    if (focused) {
      const same = [...this.list.querySelectorAll('[data-key]')].find((node) => node.dataset.key === focused.dataset.key);
      (same ?? this.focusAt(place)).focus();
    }
  }

  /** The first button of the finding at `place` (or the last one), else the list itself. */
  focusAt(place) {
    const row = this.list.children[Math.min(Math.max(place, 0), this.list.children.length - 1)];
    return row?.querySelector('button') ?? row ?? this.list;
  }

  item(mark, key) {
    const { doc } = this;
    const row = el(doc, 'li', `finding ${mark.scope}`);
    Object.assign(row, { tabIndex: -1 });
    row.dataset.key = key;
    row.style.setProperty('--colour', categoryColor(mark.category));
    const head = el(doc, 'div', 'head');
    const chip = el(doc, 'span', 'chip');
    chip.append(el(doc, 'span', 'dot'), el(doc, 'span', '', categoryLabel(mark.category)));
    head.append(chip, mark.scope === 'span' ? el(doc, 'q', 'flagged', mark.text) : el(doc, 'span', 'flagged missing', 'Missing from the reply'));
    const [why, advice] = splitMessage(mark.message);
    const message = el(doc, 'p', 'message');
    message.append(el(doc, 'strong', 'why', why));
    if (advice) message.append(' ', el(doc, 'span', 'advice', advice));
    row.append(head, message);
    const fixes = this.fixes(mark, key);
    if (fixes) row.append(fixes);
    return row;
  }

  fixes(mark, key) {
    const { doc } = this;
    const box = el(doc, 'div', 'fixes');
    // Like the composer bar, a missing item offers its first sentence only.
    const edits = mark.scope === 'reply' ? mark.edits.slice(0, 1) : mark.edits;
    edits.forEach((edit, index) => {
      const insert = edit.kind === 'insert';
      const button = el(doc, 'button', 'fix', insert ? 'Insert' : edit.text.trim() || 'Remove');
      Object.assign(button, { type: 'button', title: edit.label });
      button.dataset.key = `${key}\u0000${index}`;
      button.addEventListener('click', () => this.applied(mark, edit, key));
      box.append(button);
    });
    if (!mark.edits.length && mark.needs.includes('contact')) {
      const ask = el(doc, 'button', 'fix', 'Add my details');
      ask.type = 'button';
      ask.addEventListener('click', () => this.needDetail('contact'));
      box.append(ask);
    }
    if (!box.childElementCount) return null;
    const preview = mark.edits[0]?.preview;
    const wrap = el(doc, 'div', 'fix-area');
    wrap.append(box);
    if (preview) wrap.append(el(doc, 'p', 'preview', `${mark.edits[0].kind === 'insert' ? 'Adds' : 'Reads'}: “${preview}”`));
    return wrap;
  }

  /** Applies a fix, then puts the focus back in the list: on the finding that came next. */
  async applied(mark, edit, key) {
    const place = [...this.list.children].findIndex((row) => row.dataset.key === key);
    await this.apply(mark, edit);
    this.focusAt(place).focus();
  }
}
