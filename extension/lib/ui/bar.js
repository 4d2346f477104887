// The composer bar: a small pill at the editor's bottom-right corner with the finding count
// (or a quiet "offline"), opening a panel that says how the customer's message reads and
// why, then lists what the reply as a whole lacks, each with an Insert button.
import { el, keepEditorFocus } from './layer.js';
import { categoryColor, categoryLabel } from '../categories.js';
import { toneMarks } from '../marks.js';
import { shortcutLabel } from '../keys.js';
import { placePanel, placePill } from './place.js';

export class ComposerBar {
  /**
   * actions: insert(mark, edit) puts a reply-scope suggestion into the editor; needDetail(detail)
   * asks the agent, once, for a detail a fix needs (their contact details); review() opens
   * "Before you send".
   */
  constructor(layer, actions) {
    this.layer = layer;
    this.actions = actions;
    this.node = layer.part('bar');
    this.node.hidden = true;
    this.pill = el(layer.doc, 'button', 'pill');
    this.panel = el(layer.doc, 'div', 'panel');
    this.panel.hidden = true;
    this.node.append(this.pill, this.panel);
    keepEditorFocus(this.node);
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
    const review = el(doc, 'button', 'review-open', `Before you send… (${shortcutLabel('review')})`);
    review.addEventListener('click', () => {
      this.panel.hidden = true;
      this.actions.review();
    });
    this.panel.append(review);
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

  /** One thing the reply lacks: its label with the button beside it, why, and what Insert adds. */
  item(mark) {
    const { doc } = this.layer;
    const row = el(doc, 'div', 'item');
    const head = el(doc, 'div', 'head');
    const tag = el(doc, 'div', 'tag', categoryLabel(mark.category));
    tag.style.color = categoryColor(mark.category);
    head.append(tag);
    row.append(head, el(doc, 'div', 'why', mark.message));
    for (const edit of mark.edits.filter((e) => e.kind === 'insert').slice(0, 1)) {
      const insert = el(doc, 'button', 'fix', 'Insert');
      insert.title = edit.text;
      insert.addEventListener('click', () => this.actions.insert(mark, edit));
      head.append(insert);
      row.append(el(doc, 'div', 'preview', `Adds: “${edit.preview || edit.text.trim()}”`));
    }
    if (!mark.edits.length && mark.needs.includes('contact')) {
      const ask = el(doc, 'button', 'fix', 'Add my details');
      ask.title = 'Your direct line or email, so Tactful can offer them in full';
      ask.addEventListener('click', () => this.actions.needDetail('contact'));
      head.append(ask);
    }
    return row;
  }

  /**
   * Puts the pill and, when open, the panel where they cover no text (see place.js).
   * rect: the editor's client rect; textBottom: where its last line of text ends.
   * An editor scrolled out of the window takes its pill along: none is left floating over
   * the rest of the page.
   */
  place(rect = this.rect, textBottom = this.textBottom) {
    if (!rect) return;
    Object.assign(this, { rect, textBottom });
    const { clientWidth: width, clientHeight: height } = this.layer.doc.documentElement;
    const viewport = { width, height };
    this.node.classList.toggle('away', rect.bottom < 0 || rect.top > height);
    const size = { width: this.pill.offsetWidth, height: this.pill.offsetHeight };
    const at = placePill({ editor: rect, textBottom, pill: size, viewport });
    Object.assign(this.pill.style, { left: `${at.left}px`, top: `${at.top}px` });
    if (this.panel.hidden) return;
    const pill = { ...at, right: at.left + size.width, bottom: at.top + size.height };
    const heightAt = (width) => {
      Object.assign(this.panel.style, { width: `${width}px`, maxHeight: 'none' });
      return this.panel.offsetHeight;
    };
    const spot = placePanel({ editor: rect, pill, heightAt, viewport });
    this.panel.classList.toggle('wide', spot.width > 320);
    Object.assign(this.panel.style, { left: `${spot.left}px`, top: `${spot.top}px`, width: `${spot.width}px`, maxHeight: `${spot.maxHeight}px` });
  }

  hide() {
    this.node.hidden = true;
  }
}
