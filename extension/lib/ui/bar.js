// The composer bar: a small pill at the editor's bottom-right corner with the finding count
// (or a quiet "offline"), opening a panel that says how the customer's message reads and
// why, then lists what the reply as a whole lacks, each with an Insert button.
import { el } from './layer.js';
import { categoryColor, categoryLabel } from '../categories.js';
import { toneMarks } from '../marks.js';

export class ComposerBar {
  /**
   * onInsert(mark, edit) puts a reply-scope suggestion into the editor; onNeedDetail(detail)
   * asks the agent, once, for a detail a fix needs (their contact details).
   */
  constructor(layer, onInsert, onNeedDetail = () => {}) {
    this.layer = layer;
    this.onInsert = onInsert;
    this.onNeedDetail = onNeedDetail;
    this.node = layer.part('bar');
    this.node.hidden = true;
    this.pill = el(layer.doc, 'button', 'pill');
    this.panel = el(layer.doc, 'div', 'panel');
    this.panel.hidden = true;
    this.node.append(this.pill, this.panel);
    this.node.addEventListener('pointerdown', (event) => event.preventDefault());
    this.node.addEventListener('mousedown', (event) => event.preventDefault());
    this.pill.addEventListener('click', () => {
      this.panel.hidden = !this.panel.hidden;
      this.place();
    });
  }

  /**
   * state: 'checking' | 'ready' | 'offline' | 'error'; marks: every current mark;
   * customer: the API's reading of the customer's message, or null when there was none;
   * grammar: the API's grammar status, so an agent knows when spelling is not being checked.
   */
  update({ state, marks, note, customer = null, grammar = null }) {
    const { doc } = this.layer;
    const replyMarks = marks.filter((mark) => mark.scope === 'reply');
    const tone = toneMarks(marks).length;
    this.pill.className = `pill ${state === 'offline' || state === 'error' ? 'offline' : ''} ${state === 'checking' ? 'busy' : ''}`;
    this.pill.classList.toggle('clean', state === 'ready' && tone === 0);
    this.pill.classList.toggle('found', tone > 0);
    const label = {
      offline: 'Tactful is offline',
      error: note || 'Tactful could not check this',
      checking: tone ? `Tactful · ${tone}` : 'Tactful · checking…',
      ready: tone ? `Tactful · ${tone}` : 'Tactful · looks kind',
    }[state];
    this.pill.replaceChildren(el(doc, 'span', 'dot'), el(doc, 'span', '', label));
    const mood = customer ? (customer.upset ? 'The customer sounds upset' : 'The customer sounds calm') : '';
    const unchecked = grammar?.status === 'unavailable' ? `Spelling and grammar are not being checked: ${grammar.reason}` : '';
    this.pill.classList.toggle('unchecked-grammar', Boolean(unchecked));
    const hint = state === 'offline' ? 'Trying again on its own; is the Tactful server running, at the address in Options?' : '';
    this.pill.title = [mood, unchecked, hint, replyMarks.length ? 'Show what the reply is missing' : label].filter(Boolean).join(' · ');
    this.panel.replaceChildren(
      ...(unchecked ? [el(doc, 'div', 'unchecked', unchecked)] : []),
      ...(customer ? [this.reading(customer)] : []),
      ...replyMarks.map((mark) => this.item(mark)),
    );
    if (!replyMarks.length) this.panel.append(el(doc, 'div', 'empty', 'Nothing missing from the reply as a whole.'));
    this.node.hidden = false;
  }

  /** How the customer reads and the reasons the API gave, so the agent sees why Tactful asks. */
  reading(customer) {
    const { doc } = this.layer;
    const box = el(doc, 'div', `reading ${customer.upset ? 'upset' : 'calm'}`);
    box.append(el(doc, 'div', 'tag', customer.upset ? 'Customer upset' : 'Customer calm'));
    const reasons = el(doc, 'ul', 'reasons');
    reasons.append(...(customer.reasons ?? []).map((reason) => el(doc, 'li', '', reason)));
    box.append(reasons);
    return box;
  }

  item(mark) {
    const { doc } = this.layer;
    const row = el(doc, 'div', 'item');
    const text = el(doc, 'div', 'text');
    const tag = el(doc, 'div', 'tag', categoryLabel(mark.category));
    tag.style.color = categoryColor(mark.category);
    text.append(tag, el(doc, 'div', '', mark.message));
    row.append(text);
    for (const edit of mark.edits.filter((e) => e.kind === 'insert').slice(0, 1)) {
      const insert = el(doc, 'button', 'fix', 'Insert');
      insert.title = edit.text;
      insert.addEventListener('click', () => this.onInsert(mark, edit));
      text.append(el(doc, 'div', 'preview', `Adds: “${edit.preview || edit.text.trim()}”`));
      row.append(insert);
    }
    if (!mark.edits.length && mark.needs.includes('contact')) {
      const ask = el(doc, 'button', 'fix', 'Add my details');
      ask.title = 'Your direct line or email, so Tactful can offer them in full';
      ask.addEventListener('click', () => this.onNeedDetail('contact'));
      row.append(ask);
    }
    return row;
  }

  /**
   * Sticks the pill inside the editor's bottom-right corner when the text leaves room there
   * (`textBottom`: where the last line ends), else just below the editor. The panel opens
   * above the pill, or below it when there is no room above. An editor scrolled out of the
   * window takes its pill along: none is left floating over the rest of the page.
   */
  place(rect = this.rect, textBottom = this.textBottom) {
    if (!rect) return;
    Object.assign(this, { rect, textBottom });
    const { clientWidth, clientHeight } = this.layer.doc.documentElement;
    this.node.classList.toggle('away', rect.bottom < 0 || rect.top > clientHeight);
    const pillHeight = this.pill.offsetHeight;
    const inside = rect.bottom - textBottom >= pillHeight + 10;
    // A long editor running past the viewport keeps its pill at the bottom of the screen.
    const pillTop = Math.min(inside ? rect.bottom - pillHeight - 6 : rect.bottom + 4, clientHeight - pillHeight - 8);
    const panelHeight = this.panel.hidden ? 0 : this.panel.offsetHeight + 6;
    const down = pillTop - panelHeight < 8;
    this.node.classList.toggle('down', down);
    Object.assign(this.node.style, {
      right: `${Math.max(4, clientWidth - rect.right + 6)}px`,
      top: `${Math.max(4, down ? pillTop : pillTop - panelHeight)}px`,
    });
  }

  hide() {
    this.node.hidden = true;
  }
}
