// One editor being checked: waits for a pause in typing, asks for a check, keeps the marks
// on the right characters while the agent types, draws them, and applies fixes through the
// editor's adapter. The same class runs in page content scripts, the popup and the web page.
import { debounce } from './debounce.js';
import { marksFromFindings, ignoreKey, toneMarks } from './marks.js';
import { remapMarks, caretAfterEdit } from './text/remap.js';
import { Highlighter } from './ui/highlighter.js';
import { Card } from './ui/card.js';
import { ComposerBar } from './ui/bar.js';
import { Toast } from './ui/toast.js';
import { ReviewPanel, readingOrder } from './ui/review.js';
import { shortcutFor } from './keys.js';
import { changedSpan } from './text/edits.js';

// A pause this long means the agent stopped: short enough that the underline comes within
// 400 ms of the last keystroke, long enough not to check between keys of one word.
export const PAUSE_MS = 250;
// While the agent types without pausing, a check still goes out this often.
const TYPING_CHECK_MS = 1500;
// Offline, the check is tried again on its own after 2 s, then twice as long each time up to 30 s.
const RETRY_FIRST_MS = 2000;
const RETRY_MOST_MS = 30000;
const HOVER_MS = 250;

export class Session {
  /**
   * adapter: see lib/adapters/textarea.js for the interface every editor adapter implements.
   * check(text) resolves {status: 'ok', data} | {status: 'offline'} | {status: 'error', error}.
   * onCount(n) reports how many findings are shown; onDisableRule(rule) persists "Turn off"
   * and onEnableRule(rule) its undo;
   * onNeedDetail(detail) asks the agent for a detail a fix needs ('contact');
   * onRender({state, marks, text}) follows every redraw (the web page lists the findings).
   */
  constructor({
    adapter, layer, check, onCount = () => {}, onDisableRule = () => {}, onEnableRule = () => {}, onNeedDetail = () => {},
    onRender = () => {},
  }) {
    Object.assign(this, { adapter, layer, check, onCount, onDisableRule, onEnableRule, onRender });
    this.marks = [];
    // The last answer's score and rewrite, for the text it was given (`checked`).
    this.verdict = { checked: null, score: null, scoreReason: '', rewrite: null };
    this.customer = null;
    this.grammar = null;
    this.markText = '';
    this.state = 'ready';
    this.note = '';
    this.ignored = new Set();
    this.disabledRules = new Set();
    this.inFlight = false;
    this.again = false;
    this.retryTimer = null;
    this.retryMs = RETRY_FIRST_MS;
    this.highlighter = new Highlighter(layer);
    const ignore = (mark) => this.dismiss((m) => ignoreKey(m) !== ignoreKey(mark), () => this.ignored.add(ignoreKey(mark)));
    this.card = new Card(layer, {
      apply: (mark, edit) => this.apply(mark, edit),
      ignore,
      disableRule: (mark) => this.dismiss((m) => m.rule !== mark.rule, () => {
        this.disabledRules.add(mark.rule);
        this.onDisableRule(mark.rule);
        this.toast.show(`No more “${mark.text}” and the like: that rule is off everywhere.`, 'Undo', () => {
          this.disabledRules.delete(mark.rule);
          Promise.resolve(this.onEnableRule(mark.rule)).then(() => this.runCheck());
        });
      }),
    });
    this.toast = new Toast(layer);
    this.review = new ReviewPanel(layer, {
      apply: (mark, edit) => this.apply(mark, edit).then(() => this.review.focusSelected()),
      ignore,
      applyAll: () => this.applyAll(),
      close: () => this.adapter.element.focus({ preventScroll: true }),
    });
    this.bar = new ComposerBar(layer, { insert: (mark, edit) => this.apply(mark, edit), needDetail: onNeedDetail, review: () => this.openReview() });
    this.scheduleCheck = debounce(() => this.runCheck(), PAUSE_MS, { maxWait: TYPING_CHECK_MS });
    this.listen();
  }

  /** Checks the current text at once (used when the session starts and by "Check" buttons). */
  start() {
    this.onTextChange();
    if (this.markText.trim()) this.runCheck();
  }

  async runCheck() {
    this.scheduleCheck.cancel();
    clearTimeout(this.retryTimer);
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const text = this.adapter.readText();
    if (!text.trim()) return this.show([], 'ready');
    this.inFlight = true;
    this.render('checking');
    const result = await this.check(text);
    this.inFlight = false;
    if (this.disposed) return;
    if (result.status === 'ok') {
      const fresh = marksFromFindings(result.data.findings ?? [], text)
        .filter((mark) => !this.ignored.has(ignoreKey(mark)) && !this.disabledRules.has(mark.rule));
      this.markText = text;
      this.marks = fresh;
      this.customer = result.data.customer ?? null;
      this.grammar = result.data.grammar ?? null;
      this.verdict = { checked: text, score: result.data.score, scoreReason: result.data.score_reason ?? '', rewrite: result.data.rewrite ?? null };
      this.retryMs = RETRY_FIRST_MS;
      this.onTextChange('ready');
    } else {
      this.note = result.error?.message ?? '';
      this.render(result.status);
      if (result.status === 'offline') this.retryLater();
    }
    // The agent typed on while this check was out, and the pause (or the typing interval) that
    // asked for the next one has passed already: send it now rather than wait again.
    if (this.again) {
      this.again = false;
      this.runCheck();
    }
  }

  /** Offline: tries again on its own, so a server that comes back is seen without a keystroke. */
  retryLater() {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.runCheck(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MOST_MS);
  }

  /**
   * Re-reads the editor, moves marks onto the new text (dropping any that no longer fit).
   * Text that has not been checked yet is "checking" until its answer comes, never "looks kind".
   */
  onTextChange(state = this.state) {
    const text = this.adapter.readText();
    const changed = text !== this.markText;
    if (changed) {
      this.marks = remapMarks(this.marks, this.markText, text);
      this.markText = text;
      this.card.hide();
      if (text.trim()) state = 'checking';
    }
    this.render(state);
    return changed;
  }

  show(marks, state) {
    this.marks = marks;
    this.render(state);
  }

  render(state = this.state) {
    this.state = state;
    const spans = this.marks.filter((mark) => mark.scope === 'span');
    this.highlighter.draw(spans.map((mark) => (Highlighter.usesRanges && this.adapter.domRange
      ? { category: mark.category, range: this.adapter.domRange(mark.start, mark.end) }
      : { category: mark.category, rects: this.adapter.rangeRects(mark.start, mark.end) })));
    this.bar.update({ state, marks: this.marks, note: this.note, customer: this.customer, grammar: this.grammar });
    this.placeBar();
    if (this.card.mark && !this.marks.some((m) => m.id === this.card.mark.id)) this.card.hide();
    this.onCount(toneMarks(this.marks).length);
    this.review.update(this.reviewView());
    this.onRender({ state, marks: this.marks, text: this.markText });
  }

  /** What the review panel shows: the rewrite only while it is for the text on screen. */
  reviewView() {
    const fresh = this.verdict.checked === this.markText;
    return {
      marks: this.marks,
      score: fresh ? this.verdict.score : null,
      scoreReason: this.verdict.scoreReason,
      before: this.markText,
      after: fresh ? this.verdict.rewrite : null,
      checking: this.state === 'checking',
    };
  }

  openReview() {
    this.card.hide();
    this.review.open(this.reviewView());
  }

  /** Apply all: the server's rewrite, while it is for the text on screen. */
  async applyAll() {
    const { after } = this.reviewView();
    if (after !== null) await this.replaceAll(after);
  }

  /** Opens the card of the next (step 1) or previous (-1) underline from the open card or the caret. */
  step(direction) {
    const spans = readingOrder(this.marks).filter((mark) => mark.scope === 'span');
    if (!spans.length) return;
    const from = this.card.mark ? spans.findIndex((m) => m.id === this.card.mark.id) : -1;
    let index;
    if (from >= 0) index = (from + direction + spans.length) % spans.length;
    else {
      const caret = this.adapter.caret() ?? 0;
      index = direction > 0 ? spans.findIndex((m) => m.start >= caret) : spans.findLastIndex((m) => m.end <= caret);
      if (index < 0) index = direction > 0 ? 0 : spans.length - 1;
    }
    const mark = spans[index];
    this.card.show(mark, this.adapter.rangeRects(mark.start, mark.end)[0] ?? this.adapter.element.getBoundingClientRect(), { keyboard: true });
  }

  /** Alt+] / Alt+[ / Alt+Enter / Alt+\ while the agent is in the reply (see lib/keys.js). */
  onShortcut(event) {
    if (!event.composedPath().includes(this.adapter.element)) return;
    const action = shortcutFor(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action === 'next' || action === 'previous') this.step(action === 'next' ? 1 : -1);
    else if (action === 'apply' && this.card.mark?.edits[0]) this.apply(this.card.mark, this.card.mark.edits[0]);
    else if (action === 'review') this.openReview();
  }

  // The bar needs to know where the text ends so that it does not cover the last line.
  placeBar() {
    const length = this.markText.length;
    const last = length ? this.adapter.rangeRects(Math.max(0, length - 1), length).at(-1) : null;
    const box = this.adapter.element.getBoundingClientRect();
    this.bar.place(box, length ? (last?.bottom ?? box.bottom) : box.top);
  }

  /** Applies a mark's edit, unless the editor changed since the marks were last placed. */
  async apply(mark, edit) {
    this.card.hide();
    if (this.adapter.readText() !== this.markText) {
      this.onTextChange();
      return;
    }
    const caret = caretAfterEdit(this.adapter.caret(), edit);
    const done = await this.adapter.replace({ ...edit, caret });
    if (!done) return;
    this.marks = this.marks.filter((m) => m.id !== mark.id);
    this.onTextChange();
    this.scheduleCheck();
  }

  /**
   * Makes the reply read as `text` in one edit through the editor's own path, from the first
   * character that changes to the last: one undo brings the agent's reply back, and what
   * comes before and after the changes (formatting included) is not touched.
   */
  async replaceAll(text) {
    const edit = this.onTextChange() ? null : changedSpan(this.markText, text);
    if (!edit) return;
    await this.adapter.replace({ ...edit, caret: edit.start + edit.text.length });
    this.onTextChange();
    this.scheduleCheck();
  }

  dismiss(keep, remember) {
    remember();
    this.card.hide();
    this.show(this.marks.filter(keep), this.state);
  }

  /** The span mark under viewport point (x, y), if any. */
  markAt(x, y) {
    return this.marks.find((mark) => mark.scope === 'span' &&
      this.adapter.rangeRects(mark.start, mark.end).some((r) => x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2));
  }

  openCardAt(x, y) {
    const mark = this.markAt(x, y);
    if (!mark) return false;
    if (this.card.mark?.id !== mark.id) {
      const rects = this.adapter.rangeRects(mark.start, mark.end);
      this.card.show(mark, rects.find((r) => y <= r.bottom + 2) ?? rects[0]);
    }
    return true;
  }

  listen() {
    const { doc } = this.layer;
    const view = doc.defaultView;
    let hoverTimer = null;
    let frame = 0;
    const onMove = (event) => {
      if (frame) return;
      frame = view.requestAnimationFrame(() => {
        frame = 0;
        clearTimeout(hoverTimer);
        if (this.card.isOpen && this.card.contains(event)) return;
        if (this.markAt(event.clientX, event.clientY)) {
          hoverTimer = setTimeout(() => this.openCardAt(event.clientX, event.clientY), HOVER_MS);
        } else if (this.card.isOpen) {
          hoverTimer = setTimeout(() => this.card.hide(), HOVER_MS * 2);
        }
      });
    };
    const onClick = (event) => {
      if (!this.card.contains(event) && !this.openCardAt(event.clientX, event.clientY)) this.card.hide();
    };
    const onKey = (event) => {
      if (event.key === 'Escape' && this.card.isOpen) this.card.hide();
      else this.onShortcut(event);
    };
    const onLayout = () => {
      if (!Highlighter.usesRanges || !this.adapter.domRange) this.render();
      else this.placeBar();
    };
    const stopWatching = this.adapter.observe(() => {
      if (this.onTextChange()) this.scheduleCheck();
    });
    doc.addEventListener('mousemove', onMove, { passive: true });
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('keydown', onKey, true);
    view.addEventListener('scroll', onLayout, { capture: true, passive: true });
    view.addEventListener('resize', onLayout, { passive: true });
    this.unlisten = () => {
      stopWatching();
      clearTimeout(hoverTimer);
      doc.removeEventListener('mousemove', onMove);
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('keydown', onKey, true);
      view.removeEventListener('scroll', onLayout, { capture: true });
      view.removeEventListener('resize', onLayout);
    };
  }

  dispose() {
    this.disposed = true;
    this.scheduleCheck.cancel();
    clearTimeout(this.retryTimer);
    this.unlisten();
    this.highlighter.clear();
    this.card.node.remove();
    this.bar.node.remove();
    this.toast.node.remove();
    this.review.node.remove();
    this.adapter.dispose();
    this.onCount(0);
  }
}
