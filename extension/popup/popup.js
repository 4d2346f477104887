// The toolbar popup: server status, this tab's count, the per-site switch, and a paste box
// checked with the same Session as the page editors.
import { setCategories } from '../lib/categories.js';
import { Session } from '../lib/session.js';
import { createLayer } from '../lib/ui/layer.js';
import { TextareaAdapter } from '../lib/adapters/textarea.js';
import { addSite, disableRule, isBuiltInSite, isSiteEnabled, setRuleEnabled, setSiteEnabled } from '../lib/settings.js';

const $ = (id) => document.getElementById(id);

// Opened from the toolbar, the current window's tab; opened on its own, the active web tab.
async function currentTab() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true, windowType: 'normal' });
  return tab ?? (await chrome.tabs.query({ active: true, windowType: 'normal' }))[0];
}

async function showServer() {
  const health = await chrome.runtime.sendMessage({ type: 'health' });
  const online = health.status === 'ok';
  $('server').classList.toggle('online', online);
  $('server').textContent = online ? 'Server online' : 'Tactful is offline';
  $('server').title = health.serverUrl;
}

async function showTab(tab) {
  const host = tab?.url ? new URL(tab.url).hostname : '';
  if (!host) {
    $('site').disabled = true;
    return;
  }
  const key = `count:${tab.id}`;
  const count = (await chrome.storage.session.get(key))[key];
  $('count').textContent = count === undefined ? 'Not checking anything on this tab.' : `${count} finding${count === 1 ? '' : 's'} on this tab.`;
  const { sites, extraSites } = await chrome.storage.sync.get({ sites: {}, extraSites: [] });
  if (!isBuiltInSite(host) && !extraSites.includes(host)) offerSite(tab, host);
  $('site-label').textContent = `Check replies on ${host}`;
  $('site').checked = isSiteEnabled({ sites }, host);
  $('site').addEventListener('change', async () => {
    await setSiteEnabled(host, $('site').checked);
    $('site-note').textContent = $('site').checked ? 'On. Reload the page if it was just added.' : `Off on ${host}.`;
  });
}

/**
 * A site Tactful does not run on yet: one click asks for permission to read it, adds it (as
 * Options would) and starts on this tab at once, without a reload.
 */
function offerSite(tab, host) {
  $('switch').hidden = true;
  $('add-site').hidden = false;
  $('add-site').textContent = `Check replies on ${host}`;
  $('add-site').addEventListener('click', async () => {
    if (!(await addSite(host))) {
      $('site-note').textContent = `Not added: Tactful needs permission to read ${host}.`;
      return;
    }
    // Paths from the extension's root: Firefox reads a relative one from this page's folder.
    const started = await Promise.all([
      chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content/ckeditor-bridge.js'], world: 'MAIN' }),
      chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content/loader.js'] }),
    ]).then((runs) => runs.flat().every((run) => !run.error), () => false);
    $('add-site').hidden = true;
    $('switch').hidden = false;
    $('site').checked = true;
    $('site-note').textContent = started ? `Added ${host}: replies there are checked from now on.` : `Added ${host}. Reload the page to start.`;
  });
}

/**
 * The sites Tactful checks whose access the browser has taken back (Firefox lets the agent
 * withdraw a host permission, Chrome's "site access" setting too): say so, and offer to allow them.
 */
async function showAccess() {
  const sites = [...new Set(chrome.runtime.getManifest().content_scripts.flatMap((script) => script.matches))];
  const granted = await Promise.all(sites.map((site) => chrome.permissions.contains({ origins: [site] })));
  const missing = sites.filter((site, i) => !granted[i]);
  if (!missing.length) return;
  const hosts = missing.map((site) => site.split('/')[2].replace(/^\*\./, ''));
  $('access-note').textContent = `Tactful cannot read replies on ${hosts.join(', ')}: the browser gives it no access there.`;
  $('access').hidden = false;
  $('allow').addEventListener('click', async () => {
    if (!(await chrome.permissions.request({ origins: missing }))) return;
    $('access-note').textContent = 'Allowed. Reload those pages to start checking replies there.';
    $('allow').hidden = true;
  });
}

function startPasteBox() {
  // The server's labels and colours, as on the page (until they come, a finding would be grey).
  const categories = chrome.runtime.sendMessage({ type: 'categories' }).then((answer) => setCategories(answer.categories));
  const layer = createLayer();
  const session = new Session({
    adapter: new TextareaAdapter($('paste'), layer),
    layer,
    check: async (text) => {
      await categories;
      return chrome.runtime.sendMessage({ type: 'check', text, channel: $('channel').value });
    },
    onDisableRule: disableRule,
    onEnableRule: (rule) => setRuleEnabled(rule, true),
  });
  $('check').addEventListener('click', () => session.runCheck());
  $('channel').addEventListener('change', () => session.runCheck());
  return session;
}

showServer();
currentTab().then(showTab);
showAccess();
startPasteBox();
