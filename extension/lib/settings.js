// Where preferences live: everything in storage.sync except the API key, which stays in
// storage.local so it never syncs to the browser account.
export const SYNC_DEFAULTS = {
  serverUrl: 'http://127.0.0.1:8080',
  contact: { name: '', phone: '', email: '' },
  disabledRules: [],
  proofreading: true, // spelling and grammar underlines (LanguageTool) beside the tone checks
  dialect: '', // en-GB…, one of the server's dialects; '' until chosen: the browser's language
  sites: {}, // host -> false when the agent switched Tactful off there
  extraSites: [], // hosts added in the options page (beyond Zendesk and X)
};

export async function loadSettings() {
  const sync = await chrome.storage.sync.get(SYNC_DEFAULTS);
  const { apiKey = '' } = await chrome.storage.local.get('apiKey');
  return { ...sync, apiKey };
}

/**
 * A site's switch covers its subdomains: "zendesk.com" off turns Tactful off on
 * acme.zendesk.com too (every real Zendesk is a subdomain), and the closest entry wins, so
 * acme.zendesk.com can be switched back on on its own.
 */
export function isSiteEnabled(settings, host) {
  const labels = host.split('.');
  for (let start = 0; start < labels.length; start += 1) {
    const entry = settings.sites[labels.slice(start).join('.')];
    if (entry !== undefined) return entry !== false;
  }
  return true;
}

/**
 * The dialect to check in: the one the agent picked, else the browser's language (en-GB,
 * en-CA…), else the server's default, the first it lists (en-US for "en-NZ" or "de-DE"), each
 * only if the server offers it. `dialects` are GET /v1/rules' `dialects`.
 */
export function dialectFor(picked, language, dialects) {
  const offered = (wanted) => dialects.find((dialect) => dialect.id.toLowerCase() === String(wanted ?? '').toLowerCase());
  return (offered(picked) ?? offered(language) ?? dialects[0])?.id;
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

/** True on the hosts the manifest's content scripts cover (Zendesk, X) without being added. */
export function isBuiltInSite(host, manifest = chrome.runtime.getManifest()) {
  return manifest.content_scripts.some((script) => script.matches.some((pattern) => {
    const site = new URL(pattern.replace('*.', 'any-subdomain.')).hostname.replace(/^any-subdomain\./, '*.');
    return site.startsWith('*.') ? host === site.slice(2) || host.endsWith(site.slice(1)) : host === site;
  }));
}

/** Asks for permission to read `host` (from a click: browsers require one) and adds it; false if refused. */
export async function addSite(host) {
  if (!(await chrome.permissions.request({ origins: [`https://${host}/*`] }))) return false;
  await updateSync('extraSites', (extraSites) => [...new Set([...extraSites, host])]);
  return true;
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
