// Where the pill and its panel go: never over the reply's text when there is anywhere else.
// Pure geometry (viewport pixels), so every case is a unit test.
const GAP = 6;
const EDGE = 8;
const SMALLEST_PANEL = 160;
const NARROW = 320;
const WIDEST = 640;

/**
 * The pill's top-left. Tried in order: inside the editor's bottom-right corner when the text
 * ends above it; just below the editor; beside its right edge at the bottom of what shows (a
 * long reply running past the screen); above the editor. Only when none fits does it sit on
 * the bottom edge of the screen inside the editor.
 * editor: its client rect; textBottom: where the last line of text ends.
 */
export function placePill({ editor, textBottom, pill, viewport }) {
  const rightAligned = editor.right - pill.width;
  const fits = ({ left, top }) => top >= EDGE / 2 && top + pill.height <= viewport.height - EDGE / 2 && left + pill.width <= viewport.width;
  const candidates = [
    ...(editor.bottom - textBottom >= pill.height + 10 ? [{ left: rightAligned - GAP, top: editor.bottom - pill.height - GAP }] : []),
    { left: rightAligned, top: editor.bottom + 4 },
    { left: editor.right + GAP, top: Math.min(editor.bottom, viewport.height - EDGE) - pill.height },
    { left: rightAligned, top: editor.top - pill.height - 4 },
  ];
  return candidates.find(fits) ?? { left: rightAligned - GAP, top: viewport.height - pill.height - EDGE };
}

/**
 * The panel's top-left, width and the most height it may take. Beside the editor when the
 * screen is wide enough; else as wide as the editor (up to WIDEST, items in two columns)
 * above or below it, whichever shows more of the panel; it covers the editor only when
 * neither side has room for a useful panel, and then scrolls.
 * heightAt(width): the panel's natural height at that width.
 */
export function placePanel({ editor, pill, heightAt, viewport }) {
  const shown = { top: Math.max(editor.top, EDGE), bottom: Math.min(editor.bottom, viewport.height - EDGE) };
  const room = {
    right: viewport.width - Math.max(editor.right, pill.right) - GAP - EDGE,
    above: shown.top - GAP - EDGE,
    below: viewport.height - Math.max(editor.bottom, pill.bottom) - GAP - EDGE,
  };
  if (room.right >= NARROW) {
    const tall = viewport.height - 2 * EDGE;
    const height = Math.min(heightAt(NARROW), tall);
    return { left: Math.max(editor.right, pill.right) + GAP, top: Math.max(EDGE, Math.min(shown.top, viewport.height - EDGE - height)), width: NARROW, maxHeight: tall };
  }
  const width = Math.max(NARROW, Math.min(editor.right - editor.left, WIDEST, viewport.width - 2 * EDGE));
  const height = heightAt(width);
  const left = Math.max(EDGE, Math.min(pill.right - width, viewport.width - width - EDGE));
  const side = room.below >= Math.min(height, room.above) ? 'below' : 'above';
  if (room[side] >= Math.min(height, SMALLEST_PANEL)) {
    const top = side === 'below' ? Math.max(editor.bottom, pill.bottom) + GAP : shown.top - GAP - Math.min(height, room[side]);
    return { left, top, width, maxHeight: room[side] };
  }
  const upper = pill.top - GAP - EDGE;
  const lower = viewport.height - EDGE - pill.bottom - GAP;
  if (upper >= lower) return { left, top: Math.max(EDGE, pill.top - GAP - height), width, maxHeight: upper };
  return { left, top: pill.bottom + GAP, width, maxHeight: lower };
}
