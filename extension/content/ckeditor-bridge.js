// Runs in the page's own JavaScript world ("world": "MAIN"), the only place that can reach
// element.ckeditorInstance. It applies Tactful's edits through CKEditor 5's model, so the
// editor's state, undo stack and rendering stay its own. Talks to the content script with
// DOM events carrying JSON strings: tactful:ck-replace in, tactful:ck-result out.
(() => {
  if (window.__tactfulCkBridge) return;
  window.__tactfulCkBridge = true;

  // Same rules as lib/text/textmap.js, read from the model instead of the DOM: blocks are
  // separated once by "\n\n", a soft break is "\n", an inline or block object is U+FFFC.
  function modelTextMap(editor) {
    const { schema } = editor.model;
    const map = { text: '', points: [] };
    let pending = false;
    const push = (parent, offset, chars) => {
      if (pending && map.text.length) map.text += '\n\n';
      pending = false;
      map.points.push({ start: map.text.length, length: chars.length, parent, offset });
      map.text += chars;
    };
    const visit = (element) => {
      for (const child of element.getChildren()) {
        if (child.is('$text')) push(element, child.startOffset, child.data);
        else if (child.is('element', 'softBreak')) push(element, child.startOffset, '\n');
        else if (schema.isObject(child)) {
          if (schema.isBlock(child)) pending = true;
          push(element, child.startOffset, '\uFFFC');
          if (schema.isBlock(child)) pending = true;
        } else {
          pending = true;
          if (schema.checkChild(child, '$text')) map.points.push({ start: map.text.length, length: 0, parent: child, offset: 0, empty: true });
          visit(child);
          pending = true;
        }
      }
    };
    visit(editor.model.document.getRoot());
    return map;
  }

  function positionAt(editor, map, offset, forward) {
    const around = map.points.filter((p) => !p.empty && offset >= p.start && offset <= p.start + p.length);
    const point = around.find((p) => (forward ? offset < p.start + p.length : offset > p.start)) ?? around[0]
      ?? map.points.find((p) => p.start >= offset) ?? map.points.at(-1);
    const within = Math.max(0, Math.min(offset - point.start, point.length));
    return editor.model.createPositionAt(point.parent, point.offset + within);
  }

  function toHtml(text) {
    const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return text.split(/\n{2,}/).map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');
  }

  function replace(editor, { start, end, text, caret, before }) {
    const { model } = editor;
    const map = modelTextMap(editor);
    const normalised = (s) => s.replace(/\u00a0/g, ' ');
    if (normalised(map.text) !== normalised(before)) return false;
    model.change((writer) => {
      const range = writer.createRange(positionAt(editor, map, start, true), positionAt(editor, map, end, start === end));
      const first = [...range.getItems()].find((item) => item.is('$textProxy'));
      const attributes = first ? first.getAttributes() : range.start.nodeBefore?.getAttributes?.() ?? [];
      const content = text.includes('\n')
        ? editor.data.toModel(editor.data.processor.toView(toHtml(text)))
        : writer.createText(text, attributes);
      model.insertContent(content, range);
      writer.setSelection(positionAt(editor, modelTextMap(editor), caret, false));
    });
    editor.editing.view.focus();
    return true;
  }

  document.addEventListener('tactful:ck-replace', (event) => {
    const editable = event.target.closest('.ck-editor__editable');
    const request = JSON.parse(event.detail);
    let ok = false;
    try {
      ok = Boolean(editable?.ckeditorInstance) && replace(editable.ckeditorInstance, request);
    } catch (error) {
      console.warn('Tactful: CKEditor edit failed', error);
    }
    event.target.dispatchEvent(new CustomEvent('tactful:ck-result', { detail: JSON.stringify({ id: request.id, ok }) }));
  }, true);
})();
