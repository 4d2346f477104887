// The keyboard path, declared once: the card, the review panel and Options show these labels.
// Keys are matched by physical position (event.code) with Alt alone, so they work on any
// keyboard layout and never type a character into the reply; AltGr (Ctrl+Alt) is left alone.
export const SHORTCUTS = [
  { action: 'next', codes: ['BracketRight'], label: 'Alt+]', does: 'Next finding' },
  { action: 'previous', codes: ['BracketLeft'], label: 'Alt+[', does: 'Previous finding' },
  { action: 'apply', codes: ['Enter', 'NumpadEnter'], label: 'Alt+Enter', does: 'Apply the open card’s first fix' },
  { action: 'review', codes: ['Backslash'], label: 'Alt+\\', does: 'Before you send: review every finding' },
];

/** The action an editor keydown asks for, or null. */
export function shortcutFor(event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return SHORTCUTS.find((shortcut) => shortcut.codes.includes(event.code))?.action ?? null;
}

/** "Alt+]" for an action, for hints next to the buttons it stands for. */
export function shortcutLabel(action) {
  return SHORTCUTS.find((shortcut) => shortcut.action === action)?.label ?? '';
}
