// The service worker: the only place that talks to the Tactful server (content scripts are
// subject to the page's CORS, CSP and local-network rules). It also keeps the per-tab count
// on the toolbar badge and registers content scripts on sites the agent added.
import { callApi, checkRequest } from './lib/api.js';
import { highlightCss } from './lib/categories.js';
import { dialectFor, isSiteEnabled, loadSettings } from './lib/settings.js';

const handlers = {
  async check({ text, channel, customerMessage }, sender) {
    const settings = await loadSettings();
    if (sender.tab && !isSiteEnabled(settings, new URL(sender.url).hostname)) return { status: 'disabled' };
    const body = checkRequest({
      text, channel, customerMessage, contact: settings.contact, disabledRules: settings.disabledRules,
      proofreading: settings.proofreading,
      dialect: dialectFor(settings.dialect, navigator.language, (await handlers.dialects()).dialects),
    });
    return callApi(settings.serverUrl, '/v1/check', { body, apiKey: settings.apiKey });
  },

  async health() {
    const settings = await loadSettings();
    return { ...(await callApi(settings.serverUrl, '/v1/health', { apiKey: settings.apiKey, timeoutMs: 3000 })), serverUrl: settings.serverUrl };
  },

  async rules() {
    const settings = await loadSettings();
    const answer = await callApi(settings.serverUrl, '/v1/rules', { apiKey: settings.apiKey });
    if (answer.status === 'ok') {
      await chrome.storage.local.set({ categories: answer.data.categories ?? [], dialects: answer.data.dialects ?? [] });
    }
    return answer;
  },

  /** The server's dialects as last served (asked for once when none were). */
  async dialects() {
    const { dialects } = await chrome.storage.local.get({ dialects: [] });
    if (dialects.length) return { status: 'ok', dialects };
    const answer = await handlers.rules();
    return { status: answer.status, dialects: answer.data?.dialects ?? [] };
  },

  /** The server's categories, or the last ones it sent while it is offline. */
  async categories() {
    const answer = await handlers.rules();
    if (answer.status === 'ok') return { status: 'ok', categories: answer.data.categories ?? [] };
    return { status: 'ok', categories: (await chrome.storage.local.get({ categories: [] })).categories };
  },

  async count({ count }, sender) {
    if (!sender.tab) return;
    const tabId = sender.tab.id;
    await chrome.storage.session.set({ [`count:${tabId}`]: count });
    await chrome.action.setBadgeText({ tabId, text: count ? String(count) : '' });
    await chrome.action.setBadgeBackgroundColor({ tabId, color: '#d93025' });
  },

  /** A fix needs the agent's contact details: the options page asks for them, once. */
  async 'open-options'() {
    await chrome.runtime.openOptionsPage();
  },

  async 'highlight-css'({ categories }, sender) {
    await chrome.scripting.insertCSS({ target: { tabId: sender.tab.id, frameIds: [sender.frameId] }, css: highlightCss(categories) });
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = handlers[message?.type];
  if (!handler) return false;
  handler(message, sender).then(sendResponse, (error) => sendResponse({ status: 'error', error: { message: String(error) } }));
  return true; // answer asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => chrome.storage.session.remove(`count:${tabId}`));

// Sites added in the options page get the same content scripts as Zendesk and X, once the
// agent granted the permission there.
async function syncSiteScripts() {
  const { extraSites } = await chrome.storage.sync.get({ extraSites: [] });
  const granted = [];
  for (const site of extraSites) {
    if (await chrome.permissions.contains({ origins: [`https://${site}/*`] })) granted.push(`https://${site}/*`);
  }
  const registered = await chrome.scripting.getRegisteredContentScripts();
  if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: registered.map((s) => s.id) });
  if (!granted.length) return;
  await chrome.scripting.registerContentScripts([
    { id: 'tactful-sites', matches: granted, js: ['content/loader.js'], allFrames: false },
    { id: 'tactful-sites-ckeditor', matches: granted, js: ['content/ckeditor-bridge.js'], world: 'MAIN' },
  ]);
}

chrome.runtime.onInstalled.addListener(syncSiteScripts);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes.extraSites) syncSiteScripts();
});
chrome.permissions.onAdded.addListener(syncSiteScripts);
