// The half of the Firefox locators that runs inside the page: find the elements a chain of
// steps names (CSS that crosses open shadow roots, as Playwright's does), then do one small
// job on them. It is sent to the page as source text, so it may use nothing from outside.

/**
 * Resolves `steps` (see locator.js) from the document and runs `op` on the result.
 * Ops: `count`; `state` (how many match, whether the first is visible); `read` (one property
 * of the only match); `point` (where a click would land, once the element is actionable);
 * `fill`; `focus`; `blur`; `select` (the matches themselves, for a handle on them).
 */
export function inPage(steps, op, arg) {
  const SKIPPED = new Set(['STYLE', 'SCRIPT', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);

  /** Children in the order they render: a shadow root's content first, then the light DOM. */
  const composedChildren = (node) => [...(node.shadowRoot?.children ?? []), ...node.children];
  const composedParent = (el) => el.parentElement ?? (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);

  function descendants(root) {
    const found = [];
    const walk = (node) => {
      for (const child of composedChildren(node)) {
        found.push(child);
        walk(child);
      }
    };
    walk(root);
    return found;
  }

  /** Splits a selector list into alternatives, each a list of compounds joined by a descendant
   * space (`a > b` and `a + b` stay one compound: they are matched within one tree). */
  function parseCss(css) {
    const alternatives = [[]];
    let token = '';
    let depth = 0;
    let quote = null;
    const joins = (previous, next) => /[>+~]$/.test(previous) || /^[>+~]/.test(next);
    const flush = () => {
      const parts = alternatives.at(-1);
      if (token && parts.length && joins(parts.at(-1), token)) parts[parts.length - 1] += ` ${token}`;
      else if (token) parts.push(token);
      token = '';
    };
    for (const char of css.trim()) {
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '[' || char === '(') depth += 1;
      else if (char === ']' || char === ')') depth -= 1;
      else if (depth === 0 && (/\s/.test(char) || char === ',')) {
        flush();
        if (char === ',') alternatives.push([]);
        continue;
      }
      token += char;
    }
    flush();
    return alternatives;
  }

  /** Right to left: the element matches the last compound, and each earlier compound matches
   * some composed ancestor below `scope`. */
  function matchesChain(el, parts, scope) {
    if (!el.matches(parts.at(-1))) return false;
    let at = el;
    for (let i = parts.length - 2; i >= 0; i -= 1) {
      do at = composedParent(at); while (at && at !== scope && !at.matches(parts[i]));
      if (!at || at === scope) return false;
    }
    return true;
  }

  function text(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
    if (SKIPPED.has(node.tagName)) return '';
    return [...(node.shadowRoot?.childNodes ?? []), ...node.childNodes].map(text).join('');
  }
  const normal = (value) => value.replace(/\s+/g, ' ').trim();
  function textMatcher(wanted) {
    if (wanted.regexp) {
      const pattern = new RegExp(wanted.regexp, wanted.flags);
      return (el) => pattern.test(normal(text(el)));
    }
    const needle = normal(wanted.text).toLowerCase();
    return (el) => normal(text(el)).toLowerCase().includes(needle);
  }

  function resolve() {
    let current = [];
    let scopes = [document];
    for (const step of steps) {
      if (step.css !== undefined) {
        const alternatives = parseCss(step.css);
        const found = new Set();
        for (const scope of scopes) {
          for (const el of descendants(scope)) {
            if (alternatives.some((parts) => matchesChain(el, parts, scope))) found.add(el);
          }
        }
        current = [...found];
      } else if (step.text) {
        const matches = textMatcher(step.text);
        const found = new Set();
        for (const scope of scopes) {
          for (const el of descendants(scope)) {
            if (!SKIPPED.has(el.tagName) && matches(el) && !composedChildren(el).some(matches)) found.add(el);
          }
        }
        current = [...found];
      } else if (step.hasText) {
        current = current.filter(textMatcher(step.hasText));
      } else if (step.nth !== undefined) {
        const el = current.at(step.nth);
        current = el ? [el] : [];
      }
      scopes = current;
    }
    return current;
  }

  const visible = (el) => {
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };

  /** The only match, or why there is none yet (`wait`) or can never be (`error`). */
  function only(elements) {
    if (elements.length > 1) return { error: `strict mode violation: ${JSON.stringify(steps)} matches ${elements.length} elements` };
    if (!elements.length) return { wait: 'no element matches yet' };
    return { el: elements[0] };
  }

  /** The element under (x, y), looking inside open shadow roots. */
  function hitAt(x, y) {
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  }
  const within = (node, el) => {
    for (let at = node; at; at = composedParent(at)) if (at === el) return true;
    return false;
  };
  const nextFrame = () => new Promise((done) => {
    requestAnimationFrame(() => done());
    setTimeout(done, 100); // a page in the background gets no frames
  });

  /** Visible, enabled, not moving, and the top element at its centre: then, where to click. */
  async function point(el) {
    if (!visible(el)) return { wait: 'element is not visible' };
    if (el.disabled) return { wait: 'element is disabled' };
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    }
    const before = el.getBoundingClientRect();
    await nextFrame();
    const rect = el.getBoundingClientRect();
    if (['x', 'y', 'width', 'height'].some((side) => rect[side] !== before[side])) return { wait: 'element is moving' };
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    const hit = hitAt(x, y);
    if (!hit || !within(hit, el)) return { wait: `${hit?.outerHTML.slice(0, 80) ?? 'nothing'} would receive the click` };
    return { x, y };
  }

  function read(el, property) {
    switch (property) {
      case 'textContent': return el.textContent;
      case 'innerText': return el.innerText;
      case 'inputValue': return el.value;
      case 'checked': return el.checked;
      case 'visible': return visible(el);
      case 'attribute': return el.getAttribute(arg.name);
      case 'box': {
        if (!el.getClientRects().length) return null;
        const { x, y, width, height } = el.getBoundingClientRect();
        return { x, y, width, height };
      }
      default: throw new Error(`unknown property ${property}`);
    }
  }

  /** Replaces the field's content the way typing would (input events, the editor's undo). */
  function fill(el, value) {
    if (!visible(el)) return { wait: 'element is not visible' };
    el.focus();
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
    else getSelection().selectAllChildren(el);
    if (value) document.execCommand('insertText', false, value);
    else document.execCommand('delete');
    return {};
  }

  /** Picks the <select>'s option with this value, and says so with input and change events. */
  function selectOption(el, value) {
    if (!(el instanceof HTMLSelectElement)) return { error: 'not a <select>' };
    if (![...el.options].some((option) => option.value === value)) return { wait: `no option "${value}" yet` };
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return {};
  }

  const elements = resolve();
  switch (op) {
    case 'count': return elements.length;
    case 'state': return { count: elements.length, visible: elements.length > 0 && visible(elements[0]) };
    case 'select': return elements;
    default: {
      const match = only(elements);
      if (!match.el) return match;
      if (op === 'read') return { value: read(match.el, arg.property) };
      if (op === 'point') return point(match.el);
      if (op === 'fill') return fill(match.el, arg.value);
      if (op === 'selectOption') return selectOption(match.el, arg.value);
      if (op === 'focus') return match.el.focus(), {};
      if (op === 'blur') return match.el.blur(), {};
      throw new Error(`unknown op ${op}`);
    }
  }
}
