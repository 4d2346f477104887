// A short note at the bottom of the window with one action ("Undo"), gone after a few seconds.
// Like the card, pressing it never takes focus away from the editor.
import { el, keepEditorFocus } from './layer.js';

const SHOWN_MS = 8000;

export class Toast {
  constructor(layer) {
    this.layer = layer;
    this.node = layer.part('toast');
    this.node.hidden = true;
    this.node.setAttribute('role', 'status');
    keepEditorFocus(this.node);
    this.timer = null;
  }

  show(text, actionLabel, action) {
    const { doc } = this.layer;
    const button = el(doc, 'button', 'undo', actionLabel);
    button.addEventListener('click', () => {
      this.hide();
      action();
    });
    this.node.replaceChildren(el(doc, 'span', '', text), button);
    this.node.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), SHOWN_MS);
  }

  hide() {
    clearTimeout(this.timer);
    this.node.hidden = true;
  }
}
