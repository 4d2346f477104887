// The one HTTP client for the Tactful API. The extension calls it from its service worker
// only (content scripts never fetch); the web page calls it directly, same origin.
import { wellFormed } from './text/utf16.js';

export const TIMEOUT_MS = 8000;
const MAX_CUSTOMER_CHARS = 20000;

/** The POST /v1/check body; empty optional fields are left out rather than sent blank. */
export function checkRequest({ text, channel = 'generic', customerMessage, contact, followUp, disabledRules, proofreading = true, dialect }) {
  const body = { text: wellFormed(text), channel };
  if (!proofreading) body.grammar = false;
  if (dialect) body.language = dialect;
  const customer = customerMessage?.trim();
  if (customer) body.customer_message = wellFormed(customer.slice(-MAX_CUSTOMER_CHARS));
  const filled = Object.entries(contact ?? {}).filter(([, value]) => value?.trim());
  if (filled.length) body.contact = Object.fromEntries(filled.map(([key, value]) => [key, value.trim()]));
  if (followUp?.trim()) body.follow_up = followUp.trim().slice(0, 40);
  if (disabledRules?.length) body.disabled_rules = disabledRules;
  return body;
}

/**
 * GET (no body) or POST JSON to `path` on `serverUrl`.
 * Resolves {status: 'ok', data} | {status: 'error', error: {code, message, field}} | {status: 'offline'}:
 * a server that cannot be reached, times out or fails (5xx) is "offline", never an exception.
 */
export async function callApi(serverUrl, path, { body, apiKey, timeoutMs = TIMEOUT_MS } = {}) {
  const headers = { Accept: 'application/json' };
  if (body) headers['Content-Type'] = 'application/json';
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  let response;
  let data;
  try {
    response = await fetch(serverUrl.replace(/\/+$/, '') + path, {
      method: body ? 'POST' : 'GET',
      headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
    data = await response.json();
  } catch {
    return { status: 'offline' };
  }
  if (response.status >= 500) return { status: 'offline' };
  if (!response.ok) {
    return { status: 'error', error: data?.error ?? { code: `http-${response.status}`, message: response.statusText } };
  }
  return { status: 'ok', data };
}
