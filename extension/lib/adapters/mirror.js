// Where characters of a <textarea> are drawn. A hidden div in our shadow root copies the
// field's box and typography, holds the same text, and is scrolled like the field; a DOM
// Range over it then gives the rectangles (Harper's TextFieldRange, textarea-caret-position).
const COPIED = [
  'boxSizing', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontFamily', 'fontKerning', 'lineHeight',
  'letterSpacing', 'wordSpacing', 'textTransform', 'textIndent', 'textAlign', 'tabSize', 'direction',
  'whiteSpace', 'overflowWrap', 'wordBreak',
];

export class Mirror {
  constructor(field, layer) {
    this.field = field;
    this.node = layer.part('mirror');
    this.text = layer.doc.createTextNode('');
    this.node.append(this.text);
    this.synced = null;
  }

  /** Viewport rectangles of value[start, end), clipped to the field's visible text area. */
  rects(start, end) {
    const { value, clip } = this.sync();
    const range = this.field.ownerDocument.createRange();
    range.setStart(this.text, Math.min(start, value.length));
    range.setEnd(this.text, Math.min(end, value.length));
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.bottom > clip.top && r.top < clip.bottom && r.right > clip.left && r.left < clip.right);
  }

  // Copies the field's box, typography, text and scroll onto the mirror. Reading the computed
  // style forces a layout, so it is done once per task: drawing every underline, or hit-testing
  // every mark under the pointer, measures against one copy.
  sync() {
    if (this.synced) return this.synced;
    const { field, node } = this;
    const style = field.ownerDocument.defaultView.getComputedStyle(field);
    for (const prop of COPIED) node.style[prop] = style[prop];
    const box = field.getBoundingClientRect();
    const borderX = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    const borderY = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    Object.assign(node.style, {
      boxSizing: 'border-box', left: `${box.left}px`, top: `${box.top}px`,
      width: `${field.clientWidth + borderX}px`, height: `${field.clientHeight + borderY}px`,
    });
    // A trailing newline only takes up a line when something follows it.
    const value = field.value.endsWith('\n') ? `${field.value} ` : field.value;
    if (this.text.data !== value) this.text.data = value;
    node.scrollTop = field.scrollTop;
    node.scrollLeft = field.scrollLeft;
    const left = box.left + field.clientLeft;
    const top = box.top + field.clientTop;
    this.synced = { value, clip: { left, top, right: left + field.clientWidth, bottom: top + field.clientHeight } };
    queueMicrotask(() => { this.synced = null; });
    return this.synced;
  }

  remove() {
    this.node.remove();
  }
}
