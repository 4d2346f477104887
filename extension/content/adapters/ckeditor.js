// Adapter for CKEditor 5 (the Zendesk composer). CKEditor re-renders its DOM from its model
// and ignores or reverts foreign DOM edits, and synthetic beforeinput lands at its stale model
// selection, so edits go through the model: the page-world bridge (ckeditor-bridge.js), which
// can reach element.ckeditorInstance, runs editor.model.change() for us.
import { ContentEditableAdapter, nextFrame } from './contenteditable.js';

const TIMEOUT_MS = 1000;
let nextRequest = 1;

export class CkEditorAdapter extends ContentEditableAdapter {
  async replace({ start, end, text, caret }) {
    const before = this.readText();
    const id = String(nextRequest++);
    const reply = new Promise((resolve) => {
      const onResult = (event) => {
        const result = JSON.parse(event.detail);
        if (result.id !== id) return;
        this.element.removeEventListener('tactful:ck-result', onResult);
        resolve(result.ok);
      };
      this.element.addEventListener('tactful:ck-result', onResult);
      setTimeout(() => resolve(false), TIMEOUT_MS);
    });
    // Strings cross between the isolated and the page world; objects would not.
    const request = JSON.stringify({ id, start, end, text, caret, before });
    this.element.dispatchEvent(new CustomEvent('tactful:ck-replace', { detail: request, bubbles: true }));
    const ok = await reply;
    await nextFrame();
    return ok;
  }
}
