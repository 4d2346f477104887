// Draws underlines. Contenteditable ranges go to the CSS Custom Highlight API (nothing added
// to the page DOM; the colours come from categories.js highlightCss()). Textareas, and
// browsers without the API, get boxes in the extension's shadow root instead.
import { categoryColor, highlightName } from '../categories.js';

const HAS_HIGHLIGHTS = typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export class Highlighter {
  constructor(layer) {
    this.layer = layer;
    this.names = new Set();
  }

  /** True when `draw` can take live ranges (they then follow scrolling by themselves). */
  static get usesRanges() {
    return HAS_HIGHLIGHTS;
  }

  /** items: [{category, range}] with the Highlight API, else [{category, rects}]. */
  draw(items) {
    this.clear();
    const byName = new Map();
    for (const item of items) {
      if (item.range && HAS_HIGHLIGHTS) {
        const name = highlightName(item.category);
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(item.range);
      }
      for (const rect of item.rects ?? []) this.layer.boxes.append(this.box(rect, item.category));
    }
    for (const [name, ranges] of byName) {
      CSS.highlights.set(name, new Highlight(...ranges));
      this.names.add(name);
    }
  }

  clear() {
    for (const name of this.names) CSS.highlights.delete(name);
    this.names.clear();
    this.layer.boxes.replaceChildren();
  }

  box(rect, category) {
    const box = this.layer.doc.createElement('div');
    box.className = 'box';
    box.dataset.category = category;
    Object.assign(box.style, {
      left: `${rect.left}px`, top: `${rect.bottom - 2}px`, width: `${rect.width}px`, height: '0', borderColor: categoryColor(category),
    });
    return box;
  }
}
