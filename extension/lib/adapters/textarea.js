// Adapter for <textarea>. Every editor adapter offers the same interface:
//   element, readText(), caret(), rangeRects(start, end), domRange(start, end) | null,
//   replace({start, end, text, caret}) -> Promise<boolean>, observe(onChange) -> stop,
//   dispose().
// Offsets are UTF-16 indices into readText(). Edits go through execCommand('insertText') so
// the field's native undo and the page's input listeners (React, Vue) see a normal edit.
import { Mirror } from './mirror.js';

export class TextareaAdapter {
  constructor(element, layer) {
    this.element = element;
    this.mirror = new Mirror(element, layer);
    this.domRange = null; // textareas have no DOM ranges: underlines are drawn as boxes
    // Native undo of a fix selects the words it brings back, so the agent's next keystroke
    // would replace them: after a Tactful edit, an undo (or redo) leaves the caret at its end.
    this.lastEditWasFix = false;
    this.onInput = (event) => {
      if (!event.inputType?.startsWith('history')) this.lastEditWasFix = false;
      else if (this.lastEditWasFix) this.element.setSelectionRange(this.element.selectionEnd, this.element.selectionEnd);
    };
    element.addEventListener('input', this.onInput);
  }

  readText() {
    return this.element.value;
  }

  caret() {
    return this.element.selectionEnd;
  }

  rangeRects(start, end) {
    return this.mirror.rects(start, end);
  }

  async replace({ start, end, text, caret }) {
    const field = this.element;
    field.focus();
    field.setSelectionRange(start, end);
    const doc = field.ownerDocument;
    const done = text ? doc.execCommand('insertText', false, text) : doc.execCommand('delete');
    if (!done) {
      field.setRangeText(text, start, end, 'end');
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    }
    field.setSelectionRange(caret, caret);
    this.lastEditWasFix = true;
    return true;
  }

  observe(onChange) {
    this.element.addEventListener('input', onChange);
    return () => this.element.removeEventListener('input', onChange);
  }

  dispose() {
    this.element.removeEventListener('input', this.onInput);
    this.mirror.remove();
  }
}
