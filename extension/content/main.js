// The content script: attaches a Session to the editable the agent focuses (one at a time:
// Zendesk keeps every open ticket's composer in the DOM), with the adapter for its editor.
// All network calls go through the service worker (see background.js).
import { Session } from '../lib/session.js';
import { createLayer } from '../lib/ui/layer.js';
import { setCategories } from '../lib/categories.js';
import { TextareaAdapter } from '../lib/adapters/textarea.js';
import { isSiteEnabled, disableRule, setRuleEnabled } from '../lib/settings.js';
import { ContentEditableAdapter } from './adapters/contenteditable.js';
import { CkEditorAdapter } from './adapters/ckeditor.js';
import { DraftAdapter } from './adapters/draft.js';
import { editableFor, channelFor, customerMessageFor } from './site.js';

const host = location.hostname;
let layer = null;
let active = null;
let enabled = false;
let lastCount = null; // the badge is only told about changes
let haveCategories = false;

function adapterFor(element) {
  if (element instanceof HTMLTextAreaElement) return new TextareaAdapter(element, layer);
  if (element.classList.contains('ck-editor__editable')) return new CkEditorAdapter(element);
  if (element.matches('.public-DraftEditor-content') || element.closest('.DraftEditor-root')) return new DraftAdapter(element);
  return new ContentEditableAdapter(element);
}

// After the extension is reloaded or updated, this script's runtime is gone: go quiet.
async function send(message) {
  if (!chrome.runtime?.id) return { status: 'offline' };
  try {
    return await chrome.runtime.sendMessage(message);
  } catch {
    return { status: 'offline' };
  }
}

/** Labels, colours and underline styles from the server (or its last answer, when offline). */
async function loadCategories() {
  const { categories } = await send({ type: 'categories' });
  setCategories(categories);
  send({ type: 'highlight-css', categories });
  return Boolean(categories?.length);
}

function attach(element) {
  layer ??= createLayer();
  const session = new Session({
    adapter: adapterFor(element),
    layer,
    check: async (text) => {
      const result = await send({
        type: 'check', text, channel: channelFor(host, element), customerMessage: customerMessageFor(host, element),
      });
      // Started while the server was down: the categories come with its first answer.
      if (result.status === 'ok' && !haveCategories) haveCategories = await loadCategories();
      return result;
    },
    onCount: (count) => {
      if (count !== lastCount) send({ type: 'count', count });
      lastCount = count;
    },
    onDisableRule: (rule) => disableRule(rule),
    onEnableRule: (rule) => setRuleEnabled(rule, true),
    onNeedDetail: () => send({ type: 'open-options' }),
  });
  active = { element, session };
  session.start();
}

function detach() {
  active?.session.dispose();
  active = null;
}

function onFocus(event) {
  if (!enabled) return;
  const element = editableFor(event.composedPath()[0]);
  if (!element || element === active?.element) return;
  detach();
  attach(element);
}

async function init() {
  enabled = isSiteEnabled(await chrome.storage.sync.get({ sites: {} }), host);
  haveCategories = await loadCategories();
  document.addEventListener('focusin', onFocus, true);
  if (document.activeElement) onFocus({ composedPath: () => [document.activeElement] });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !changes.sites) return;
    enabled = isSiteEnabled({ sites: changes.sites.newValue ?? {} }, host);
    if (!enabled) detach();
    else if (document.activeElement) onFocus({ composedPath: () => [document.activeElement] });
  });
}

init();
