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
    return true;
  }

  observe(onChange) {
    this.element.addEventListener('input', onChange);
    return () => this.element.removeEventListener('input', onChange);
  }

  dispose() {
    this.mirror.remove();
  }
}
