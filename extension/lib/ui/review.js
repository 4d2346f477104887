// "Before you send": every finding still in the reply, in reading order, to step through with
// the keyboard (↑/↓ or j/k, Enter applies the first fix, Delete ignores, Esc goes back to the
// reply), the score with its reason, and "Apply all" with the reply before and after.
import { el } from './layer.js';
import { categoryColor, categoryLabel } from '../categories.js';
import { renderDiff } from './diff.js';

export class ReviewPanel {
  /**
   * actions: {apply(mark, edit), ignore(mark), applyAll(), close()}; applyAll resolves once the
   * reply reads as the rewrite shown.
   */
  constructor(layer, actions) {
    this.layer = layer;
    this.actions = actions;
    this.node = layer.part('review');
    this.node.hidden = true;
    this.node.setAttribute('role', 'dialog');
    this.node.setAttribute('aria-label', 'Before you send');
    this.node.tabIndex = -1;
    this.selected = 0;
    this.comparing = false;
    this.node.addEventListener('keydown', (event) => this.onKey(event));
  }

  get isOpen() {
    return !this.node.hidden;
  }

  open(view) {
    this.comparing = false;
    this.selected = 0;
    this.node.hidden = false;
    this.update(view);
    this.focusSelected();
  }

  close() {
    this.node.hidden = true;
    this.actions.close();
  }

  /**
   * view: {marks, score, scoreReason, before, after, checking}; `after` is the server's rewrite
   * of `before` (the reply as it reads now), or null while the reply has not been checked.
   */
  update(view) {
    if (!this.isOpen) return;
    // Redrawn after every check: the focus stays where the agent has it (the reply or here).
    const focused = this.node.contains(this.layer.root.activeElement);
    this.view = view;
    this.items = readingOrder(view.marks);
    this.selected = Math.min(this.selected, Math.max(0, this.items.length - 1));
    const { doc } = this.layer;
    const head = el(doc, 'div', 'head');
    head.append(el(doc, 'h2', '', 'Before you send'), this.button('Close', () => this.close(), 'close'));
    const score = el(doc, 'div', 'score');
    if (Number.isFinite(view.score)) score.append(el(doc, 'strong', '', `Score ${view.score}/100`), el(doc, 'span', '', ` · ${view.scoreReason}`));
    else score.textContent = view.checking ? 'Checking…' : '';
    // Apply all sits at the top, in sight however long the list is.
    const changed = view.after !== null && view.after !== view.before;
    const all = this.button('Apply all…', () => this.compare(), 'fix all');
    all.disabled = !changed;
    all.title = changed ? 'See the reply before and after every first fix' : 'Nothing to apply';
    this.node.replaceChildren(head, score, ...(this.comparing ? [this.comparison()] : [all, this.list()]));
    if (focused) this.focusSelected();
  }

  list() {
    const { doc } = this.layer;
    const box = el(doc, 'div', 'body');
    const list = el(doc, 'ol', 'findings');
    list.setAttribute('role', 'listbox');
    list.append(...this.items.map((mark, index) => this.row(mark, index)));
    box.append(this.items.length ? list : el(doc, 'p', 'empty', 'Nothing left to fix.'));
    box.append(el(doc, 'div', 'keys', '↑ ↓ move · Enter applies the first fix · Delete ignores · Esc back to the reply'));
    return box;
  }

  row(mark, index) {
    const { doc } = this.layer;
    const row = el(doc, 'li', 'row');
    row.setAttribute('role', 'option');
    row.setAttribute('aria-selected', String(index === this.selected));
    row.tabIndex = index === this.selected ? 0 : -1;
    row.addEventListener('focus', () => this.select(index, false));
    const tag = el(doc, 'div', 'tag', categoryLabel(mark.category));
    tag.style.color = categoryColor(mark.category);
    const head = el(doc, 'div', 'row-head');
    head.append(tag, this.button('Ignore', () => this.actions.ignore(mark), 'quiet'));
    const text = el(doc, 'div', 'text');
    text.append(head);
    if (mark.scope === 'span') text.append(el(doc, 'div', 'flagged', `“${mark.text}”`));
    text.append(el(doc, 'div', 'message', mark.message));
    const buttons = el(doc, 'div', 'fixes');
    const edit = mark.edits[0];
    if (edit) {
      const words = edit.kind === 'insert' ? `Insert “${edit.preview || edit.text.trim()}”` : edit.text.trim() ? `Change to “${edit.text.trim()}”` : 'Remove';
      buttons.append(this.button(words, () => this.actions.apply(mark, edit), 'fix'));
    }
    row.append(text, buttons);
    return row;
  }

  comparison() {
    const { doc } = this.layer;
    const box = el(doc, 'div', 'body');
    const diff = el(doc, 'div', 'diff');
    diff.append(renderDiff(doc, this.view.before, this.view.after));
    box.append(el(doc, 'h3', '', 'The reply with every first fix'), diff);
    const buttons = el(doc, 'div', 'fixes');
    const apply = this.button('Apply all', async () => {
      apply.disabled = true;
      await this.actions.applyAll();
      this.close();
    }, 'fix');
    buttons.append(apply, this.button('Back', () => {
      this.comparing = false;
      this.update(this.view);
    }));
    box.append(buttons);
    return box;
  }

  compare() {
    this.comparing = true;
    this.update(this.view);
    this.node.querySelector('.body button.fix')?.focus();
  }

  select(index, focus = true) {
    if (index === this.selected && !focus) return;
    this.selected = index;
    for (const [i, row] of [...this.node.querySelectorAll('.row')].entries()) {
      row.setAttribute('aria-selected', String(i === index));
      row.tabIndex = i === index ? 0 : -1;
    }
    if (focus) this.focusSelected();
  }

  focusSelected() {
    if (this.comparing) return;
    const row = this.node.querySelectorAll('.row')[this.selected];
    (row ?? this.node).focus({ preventScroll: false });
  }

  onKey(event) {
    const mark = this.items?.[this.selected];
    const moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
    if (event.key === 'Escape') this.close();
    else if (this.comparing) return;
    else if (event.key in moves && this.items.length) this.select((this.selected + moves[event.key] + this.items.length) % this.items.length);
    else if (event.key === 'Enter' && mark?.edits[0] && event.target.classList.contains('row')) this.actions.apply(mark, mark.edits[0]);
    else if ((event.key === 'Delete' || event.key === 'Backspace') && mark) this.actions.ignore(mark);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  button(text, onClick, className = '') {
    const button = el(this.layer.doc, 'button', className, text);
    button.addEventListener('click', onClick);
    return button;
  }
}

/** Findings where the agent meets them: underlines by position, then what the reply lacks. */
export function readingOrder(marks) {
  const spans = marks.filter((mark) => mark.scope === 'span').sort((a, b) => a.start - b.start || a.end - b.end);
  return [...spans, ...marks.filter((mark) => mark.scope === 'reply')];
}
