// Adapter for a generic contenteditable editor. Text comes from the DOM text map; edits
// select the span and run execCommand('insertText'), which fires beforeinput/input like
// typing, so the editor's own handlers and undo stack see them.
import { buildTextMap, domRange, textOffset } from '../../lib/text/textmap.js';

export class ContentEditableAdapter {
  constructor(element, { blockSeparator = '\n\n' } = {}) {
    this.element = element;
    this.blockSeparator = blockSeparator;
    this.map = null;
    // Any mutation invalidates the cached map; takeRecords() reads them synchronously.
    this.mutations = new MutationObserver(() => {
      this.map = null;
    });
    this.mutations.observe(element, { subtree: true, childList: true, characterData: true });
  }

  textMap() {
    if (this.mutations.takeRecords().length || !this.map) {
      this.map = buildTextMap(this.element, { blockSeparator: this.blockSeparator });
    }
    return this.map;
  }

  readText() {
    return this.textMap().text;
  }

  domRange(start, end) {
    return domRange(this.textMap(), start, end);
  }

  rangeRects(start, end) {
    return [...this.domRange(start, end).getClientRects()].filter((r) => r.width > 0);
  }

  caret() {
    const selection = this.element.ownerDocument.getSelection();
    if (!selection?.rangeCount || !this.element.contains(selection.focusNode)) return null;
    return textOffset(this.textMap(), selection.focusNode, selection.focusOffset);
  }

  async replace({ start, end, text, caret }) {
    const before = this.readText();
    const expectedAfter = before.slice(0, start) + text + before.slice(end);
    await this.select(start, end);
    await this.write(text);
    // Editors with their own state (React + Draft) render the edit a frame or two later, and
    // ignore selection changes until then: wait for it before putting the caret back.
    for (let frame = 0; frame < 10 && this.readText() !== expectedAfter; frame++) await nextFrame();
    if (this.readText() !== expectedAfter) return false;
    await nextFrame();
    await this.select(caret, caret);
    return true;
  }

  /** Puts the DOM selection on [start, end) and lets the editor catch up (selectionchange is async). */
  async select(start, end) {
    const range = this.domRange(start, end);
    if (this.element.ownerDocument.activeElement !== this.element) this.element.focus({ preventScroll: true });
    this.element.ownerDocument.getSelection()
      .setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    await nextFrame();
  }

  async write(text) {
    const doc = this.element.ownerDocument;
    if (text) doc.execCommand('insertText', false, text);
    else doc.execCommand('delete');
  }

  observe(onChange) {
    const observer = new MutationObserver(onChange);
    observer.observe(this.element, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }

  dispose() {
    this.mutations.disconnect();
  }
}

export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
