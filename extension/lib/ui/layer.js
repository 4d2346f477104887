// The one element Tactful adds to a page: a zero-size fixed host whose shadow root holds the
// underline boxes, the card, the composer bar and textarea mirrors. Page nodes are never wrapped.
import { LAYER_CSS, adoptCss } from './styles.js';

export function createLayer(doc = document) {
  const host = doc.createElement('tactful-layer');
  Object.assign(host.style, { position: 'fixed', top: '0', left: '0', width: '0', height: '0', zIndex: '2147483647' });
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, LAYER_CSS);
  doc.documentElement.append(host);
  const part = (className) => {
    const el = doc.createElement('div');
    el.className = className;
    root.append(el);
    return el;
  };
  return { host, root, boxes: part('boxes'), doc, part };
}

/** Makes an element with a class and text, the only way UI text is set (never innerHTML). */
export function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Pressing `node` never takes focus from the editor, so the agent's selection survives a click. */
export function keepEditorFocus(node) {
  for (const type of ['pointerdown', 'mousedown']) node.addEventListener(type, (event) => event.preventDefault());
}
