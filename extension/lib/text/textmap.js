// Reads the text of a contenteditable element together with a map back to DOM positions
// (the FluentTyper pattern). innerText is not used: it depends on layout and jsdom lacks it.
//
// Rules: block elements are separated by one `blockSeparator` (runs collapse, none at the
// ends); <br> is "\n" except placeholders (CKEditor's filler, the <br> of an empty block);
// contenteditable=false islands and images are one U+FFFC; zero-width joiners that editors
// use as fillers (U+2060, U+FEFF) are skipped; NBSP reads as a space (same length).

const BLOCK_TAGS = new Set(('ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DETAILS DIV DL DT FIELDSET FIGCAPTION ' +
  'FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TD TH TR UL').split(' '));
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const FILLER = /[\u2060\uFEFF]/;
const OBJECT = '\uFFFC';

/**
 * @returns {{text: string, texts: Array<{node: Text, start: number, end: number, nodeStart: number}>,
 *            virtual: Array<{start: number, end: number, after: {node: Node, offset: number}}>, root: Element}}
 */
export function buildTextMap(root, { blockSeparator = '\n\n' } = {}) {
  const map = { text: '', texts: [], virtual: [], root };
  let pendingBreak = false;

  const flushBreak = (after) => {
    if (pendingBreak && map.text.length > 0) pushVirtual(blockSeparator, after);
    pendingBreak = false;
  };
  const pushVirtual = (chars, after) => {
    map.virtual.push({ start: map.text.length, end: map.text.length + chars.length, after });
    map.text += chars;
  };
  const pushText = (node) => {
    const data = node.data;
    let runStart = 0;
    for (let i = 0; i <= data.length; i++) {
      if (i < data.length && !FILLER.test(data[i])) continue;
      if (i > runStart) {
        flushBreak({ node, offset: runStart });
        const start = map.text.length;
        map.text += data.slice(runStart, i).replace(/\u00A0/g, ' ');
        map.texts.push({ node, start, end: map.text.length, nodeStart: runStart });
      }
      runStart = i + 1;
    }
  };
  const visit = (node) => {
    if (node.nodeType === 3) {
      if (!isFormattingWhitespace(node)) pushText(node);
      return;
    }
    if (node.nodeType !== 1 || SKIPPED_TAGS.has(node.tagName)) return;
    const after = { node: node.parentNode, offset: indexOf(node) + 1 };
    const block = node !== root && BLOCK_TAGS.has(node.tagName);
    if (node !== root && (node.getAttribute('contenteditable') === 'false' || node.tagName === 'IMG')) {
      if (block) pendingBreak = true;
      flushBreak({ node: node.parentNode, offset: indexOf(node) });
      pushVirtual(OBJECT, after);
      if (block) pendingBreak = true;
      return;
    }
    if (node.tagName === 'BR') {
      if (!isPlaceholderBreak(node)) {
        flushBreak({ node: node.parentNode, offset: indexOf(node) });
        pushVirtual('\n', after);
      }
      return;
    }
    if (block) pendingBreak = true;
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) pendingBreak = true;
  };

  visit(root);
  return map;
}

/** DOM point for text offset `offset`; `bias` picks the side when two nodes meet there. */
export function domPoint(map, offset, bias = 'forward') {
  let best = null;
  for (const seg of map.texts) {
    if (offset < seg.start || offset > seg.end) continue;
    const point = { node: seg.node, offset: seg.nodeStart + offset - seg.start };
    if (bias === 'forward' ? offset < seg.end : offset > seg.start) return point;
    best ??= point;
  }
  if (best) return best;
  for (const v of map.virtual) if (offset >= v.start && offset <= v.end) return v.after;
  return { node: map.root, offset: map.root.childNodes.length };
}

/** A DOM Range over text offsets [start, end). */
export function domRange(map, start, end) {
  const range = map.root.ownerDocument.createRange();
  const from = domPoint(map, start, 'forward');
  const to = domPoint(map, end, start === end ? 'forward' : 'backward');
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** Text offset of DOM point (node, offset); a point between text nodes maps to the next one. */
export function textOffset(map, node, offset) {
  for (const seg of map.texts) {
    if (seg.node === node && offset >= seg.nodeStart && offset <= seg.nodeStart + seg.end - seg.start) {
      return seg.start + offset - seg.nodeStart;
    }
  }
  const probe = map.root.ownerDocument.createRange();
  probe.setStart(node, offset);
  for (const seg of map.texts) {
    if (probe.comparePoint(seg.node, seg.nodeStart) >= 0) return seg.start;
  }
  return map.text.length;
}

function isPlaceholderBreak(br) {
  if (br.hasAttribute('data-cke-filler')) return true;
  const block = closestBlock(br);
  return block !== null && !/[^\u2060\uFEFF]/.test(block.textContent);
}

function closestBlock(node) {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.tagName) || el.hasAttribute('contenteditable')) return el;
  }
  return null;
}

// Indentation in hand-written HTML ("\n    " between tags) is not text the agent typed.
function isFormattingWhitespace(node) {
  return /^[ \t\r\n]*\n[ \t\r\n]*$/.test(node.data) && !/^pre/.test(whiteSpaceOf(node.parentElement));
}

function whiteSpaceOf(el) {
  const view = el?.ownerDocument?.defaultView;
  return (el && view?.getComputedStyle ? view.getComputedStyle(el).whiteSpace : '') || '';
}

function indexOf(node) {
  let i = 0;
  for (let n = node.previousSibling; n; n = n.previousSibling) i++;
  return i;
}
