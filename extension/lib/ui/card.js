// The card for one underlined finding: what is wrong, the fixes as buttons, Ignore once and
// Turn off this rule. Pressing it never takes focus away from the editor (pointerdown is
// cancelled), so the agent's selection survives and the fix goes through the editor.
import { el, keepEditorFocus } from './layer.js';
import { categoryColor, categoryLabel } from '../categories.js';
import { shortcutLabel } from '../keys.js';

export class Card {
  /** actions: {apply(mark, edit), ignore(mark), disableRule(mark)} */
  constructor(layer, actions) {
    this.layer = layer;
    this.actions = actions;
    this.mark = null;
    this.node = layer.part('card');
    this.node.hidden = true;
    this.node.setAttribute('role', 'dialog');
    keepEditorFocus(this.node);
  }

  /** keyboard: opened with Alt+] or Alt+[, so the card says which keys go on from here. */
  show(mark, anchor, { keyboard = false } = {}) {
    const { doc } = this.layer;
    this.mark = mark;
    const tag = el(doc, 'div', 'tag');
    tag.style.color = categoryColor(mark.category);
    tag.append(el(doc, 'span', 'dot'), el(doc, 'span', '', categoryLabel(mark.category)));
    const fixes = el(doc, 'div', 'fixes');
    for (const edit of mark.edits) {
      const button = el(doc, 'button', 'fix', edit.text.trim() || 'Remove');
      button.title = edit.preview ? `Reads: “${edit.preview}”` : edit.label || `Replace with “${edit.text}”`;
      button.addEventListener('click', () => this.actions.apply(mark, edit));
      fixes.append(button);
    }
    const actions = el(doc, 'div', 'actions');
    actions.append(
      this.button('Ignore once', () => this.actions.ignore(mark)),
      this.button('Turn off this rule', () => this.actions.disableRule(mark)),
    );
    this.node.replaceChildren(tag, el(doc, 'div', 'message', mark.message));
    if (mark.edits.length) this.node.append(fixes);
    const preview = mark.edits[0]?.preview;
    if (preview) this.node.append(el(doc, 'div', 'preview', `After the first fix: “${preview}”`));
    this.node.append(actions);
    if (keyboard) {
      const keys = [mark.edits.length ? `${shortcutLabel('apply')} applies the first fix` : '', `${shortcutLabel('next')} next`, 'Esc closes'];
      this.node.append(el(doc, 'div', 'keys', keys.filter(Boolean).join(' · ')));
    }
    this.node.hidden = false;
    this.place(anchor);
  }

  hide() {
    this.mark = null;
    this.node.hidden = true;
  }

  get isOpen() {
    return !this.node.hidden;
  }

  /** True when the pointer event happened on the card. */
  contains(event) {
    return event.composedPath().includes(this.node);
  }

  button(text, onClick) {
    const button = el(this.layer.doc, 'button', '', text);
    button.addEventListener('click', onClick);
    return button;
  }

  // Below the underline, or above it when it would leave the viewport.
  place(anchor) {
    const view = this.layer.doc.defaultView;
    const { offsetWidth: width, offsetHeight: height } = this.node;
    const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
    const below = anchor.bottom + 6;
    const top = below + height > view.innerHeight - 8 ? Math.max(8, anchor.top - height - 6) : below;
    Object.assign(this.node.style, { left: `${left}px`, top: `${top}px` });
  }
}
