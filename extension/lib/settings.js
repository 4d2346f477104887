// Where preferences live: everything in storage.sync except the API key, which stays in
// storage.local so it never syncs to the browser account.
export const SYNC_DEFAULTS = {
  serverUrl: 'http://127.0.0.1:8080',
  contact: { name: '', phone: '', email: '' },
  disabledRules: [],
  sites: {}, // host -> false when the agent switched Tactful off there
  extraSites: [], // hosts added in the options page (beyond Zendesk and X)
};

export async function loadSettings() {
  const sync = await chrome.storage.sync.get(SYNC_DEFAULTS);
  const { apiKey = '' } = await chrome.storage.local.get('apiKey');
  return { ...sync, apiKey };
}

export function isSiteEnabled(settings, host) {
  return settings.sites[host] !== false;
}

/** Loopback servers are covered by the manifest's host permissions; others need a runtime grant. */
export function isLocalServer(url) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
}

export function originPattern(url) {
  return `${new URL(url).origin}/*`;
}

/** Reads one storage.sync entry, changes it with `change`, writes it back: the one way to edit one. */
export async function updateSync(key, change) {
  const current = (await chrome.storage.sync.get({ [key]: SYNC_DEFAULTS[key] }))[key];
  await chrome.storage.sync.set({ [key]: change(current) });
}

export function setSiteEnabled(host, on) {
  return updateSync('sites', (sites) => ({ ...sites, [host]: on }));
}

export function setRuleEnabled(rule, on) {
  return updateSync('disabledRules', (rules) => (on ? rules.filter((r) => r !== rule) : [...new Set([...rules, rule])]));
}

export function disableRule(rule) {
  return setRuleEnabled(rule, false);
}
