// Adapter for Draft.js (the X reply box). Draft keeps its own EditorState and re-renders the
// DOM from it, so writing text nodes would be undone or corrupt it (draft-js#616). Instead:
// select the span, wait for Draft to read the selection, then let the browser's insertText
// fire beforeinput/textInput, which Draft handles by replacing the selection in its state.
// Multi-line text goes through a paste event, Draft's path for splitting blocks.
import { ContentEditableAdapter } from './contenteditable.js';

export class DraftAdapter extends ContentEditableAdapter {
  constructor(element) {
    // Draft joins blocks with one "\n" (ContentState.getPlainText()).
    super(element, { blockSeparator: '\n' });
  }

  async write(text) {
    if (!text.includes('\n')) return super.write(text);
    const data = new DataTransfer();
    data.setData('text/plain', text);
    this.element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }
}
