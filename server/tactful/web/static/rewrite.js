// The rewrite the server sends with each check (every finding's first fix applied), drawn as a
// word diff against the reply it was made from, with Copy and "Use this rewrite".
import { renderDiff } from './lib/ui/diff.js';

const COPIED_MS = 2500;

export class RewriteView {
  /** nodes: {diff, copy, use, copied, same}; onUse(text) puts the rewrite in the reply. */
  constructor({ diff, copy, use, copied, same }, { onUse }) {
    Object.assign(this, { diff, copy, use, copied, same });
    this.text = '';
    this.unchanged = true;
    this.timer = null;
    copy.addEventListener('click', () => this.copyText());
    use.addEventListener('click', () => onUse(this.text));
  }

  /** `before`: the reply as it was checked; `after`: the server's rewrite of it. */
  show(before, after) {
    this.text = after;
    this.diff.replaceChildren(renderDiff(this.diff.ownerDocument, before, after));
    this.unchanged = before === after;
    this.same.hidden = !this.unchanged;
  }

  /** A rewrite of older text (the agent typed since) can be read but not copied or used. */
  setCurrent(current) {
    this.copy.disabled = !current;
    this.use.disabled = !current || this.unchanged;
  }

  async copyText() {
    clearTimeout(this.timer);
    try {
      await this.diff.ownerDocument.defaultView.navigator.clipboard.writeText(this.text);
      this.say('Copied');
    } catch {
      // The clipboard needs https or localhost. Removed words cannot be selected (app.css), so
      // selecting the diff and copying it gives the rewrite.
      this.say('This browser did not allow copying here: select the text below and copy it.');
    }
  }

  say(note) {
    this.copied.textContent = note;
    this.timer = setTimeout(() => { this.copied.textContent = ''; }, COPIED_MS);
  }
}
