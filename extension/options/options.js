// The options page: server (with a runtime permission request for a non-local one), API key
// (storage.local), the agent's contact details, proofreading on or off and its dialect, rules
// turned off, sites, and the keyboard shortcuts (from lib/keys.js, the list the card and the
// review use).
import { SYNC_DEFAULTS, addSite, dialectFor, isLocalServer, originPattern, setRuleEnabled, setSiteEnabled, updateSync } from '../lib/settings.js';
import { SHORTCUTS } from '../lib/keys.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_SITES = ['zendesk.com', 'x.com', 'twitter.com'];

function note(id, text, bad = false) {
  $(id).textContent = text;
  $(id).classList.toggle('bad', bad);
}

async function saveServer() {
  let url;
  try {
    url = new URL($('server-url').value.trim());
    if (!/^https?:$/.test(url.protocol)) throw new Error();
  } catch {
    return note('server-note', 'Enter a full address, like https://tactful.example.com', true);
  }
  // Must run straight from the click: the browser only shows permission prompts on a user gesture.
  if (!isLocalServer(url.href) && !(await chrome.permissions.request({ origins: [originPattern(url.href)] }))) {
    return note('server-note', `Not saved: Tactful needs permission to reach ${url.origin}.`, true);
  }
  await chrome.storage.sync.set({ serverUrl: url.origin + url.pathname.replace(/\/+$/, '') });
  const health = await chrome.runtime.sendMessage({ type: 'health' });
  note('server-note', health.status === 'ok' ? 'Saved. The server answers.' : 'Saved, but the server does not answer yet.', health.status !== 'ok');
  showRules().then(showDialects);
}

function bindText(id, read, write) {
  read().then((value) => {
    $(id).value = value ?? '';
  });
  if (write) $(id).addEventListener('change', () => write($(id).value.trim()));
}

function checkbox(className, text, detail, checked, onChange) {
  const label = document.createElement('label');
  label.className = className;
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = checked;
  box.addEventListener('change', () => onChange(box.checked));
  label.append(box, ` ${text} `);
  if (detail) label.append(Object.assign(document.createElement('small'), { textContent: detail }));
  return label;
}

/** Reply rules grouped under their category's label, in the server's order, each by what it
 * catches (its description) with its id beside; rules that read the customer are not listed. */
async function showRules() {
  const { disabledRules } = await chrome.storage.sync.get({ disabledRules: [] });
  const answer = await chrome.runtime.sendMessage({ type: 'rules' });
  const listed = answer.status === 'ok' ? answer.data.rules : [];
  const groups = (answer.data?.categories ?? []).filter((category) => category.layer !== 'reading')
    .map((category) => [category.label, listed.filter((rule) => rule.category === category.id)])
    .filter(([, rules]) => rules.length);
  const gone = disabledRules.filter((id) => !listed.some((rule) => rule.id === id));
  if (gone.length) groups.push(['No longer on the server', gone.map((id) => ({ id, description: id }))]);
  $('rules').replaceChildren(...groups.flatMap(([label, rules]) => [
    Object.assign(document.createElement('h3'), { textContent: label }),
    ...rules.map((rule) => {
      const row = checkbox('rule', rule.description || rule.message, rule.id, !disabledRules.includes(rule.id),
        (on) => setRuleEnabled(rule.id, on));
      row.dataset.rule = rule.id;
      return row;
    }),
  ]));
  if (!groups.length) $('rules').textContent = 'The server is offline; rules show up here once it answers.';
}

/** The server's dialects; until the agent picks one, the browser's language decides. */
async function showDialects() {
  const { dialect } = await chrome.storage.sync.get({ dialect: SYNC_DEFAULTS.dialect });
  const { dialects } = await chrome.runtime.sendMessage({ type: 'dialects' });
  $('dialect').replaceChildren(...dialects.map(({ id, label }) => new Option(label, id)));
  $('dialect').value = dialectFor(dialect, navigator.language, dialects) ?? '';
}

async function showSites() {
  const { sites, extraSites } = await chrome.storage.sync.get({ sites: {}, extraSites: [] });
  const hosts = [...new Set([...DEFAULT_SITES, ...extraSites, ...Object.keys(sites)])];
  $('sites').replaceChildren(...hosts.map((host) => checkbox('site', host, '', sites[host] !== false, (on) => setSiteEnabled(host, on))));
}

async function addTypedSite() {
  const host = $('new-site').value.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '').toLowerCase();
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return note('site-note', 'Enter a host name, like support.example.com', true);
  if (!(await addSite(host))) return note('site-note', `Not added: Tactful needs permission to read ${host}.`, true);
  note('site-note', `Added ${host}. Reload its tabs to start.`);
  $('new-site').value = '';
  showSites();
}

bindText('server-url', async () => (await chrome.storage.sync.get({ serverUrl: SYNC_DEFAULTS.serverUrl })).serverUrl);
bindText('api-key', async () => (await chrome.storage.local.get('apiKey')).apiKey, (apiKey) => chrome.storage.local.set({ apiKey }));
for (const field of ['name', 'phone', 'email']) {
  bindText(`contact-${field}`, async () => (await chrome.storage.sync.get({ contact: SYNC_DEFAULTS.contact })).contact[field],
    (value) => updateSync('contact', (contact) => ({ ...contact, [field]: value })));
}
$('save-server').addEventListener('click', saveServer);
$('add-site').addEventListener('click', addTypedSite);
chrome.storage.sync.get({ proofreading: SYNC_DEFAULTS.proofreading }).then(({ proofreading }) => {
  $('proofreading').checked = proofreading;
});
$('proofreading').addEventListener('change', () => chrome.storage.sync.set({ proofreading: $('proofreading').checked }));
$('dialect').addEventListener('change', () => chrome.storage.sync.set({ dialect: $('dialect').value }));
showRules().then(showDialects);
showSites();
$('shortcuts').replaceChildren(...SHORTCUTS.flatMap(({ label, does }) => [
  Object.assign(document.createElement('dt'), { textContent: label }),
  Object.assign(document.createElement('dd'), { textContent: does }),
]));
