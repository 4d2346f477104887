// The web page: the extension's Session on a plain textarea, calling the API on this origin,
// with the review a support lead walks the team through: how the customer reads, the score
// and its reason, every finding in reading order, and the rewrite as a diff.
import { Session } from './lib/session.js';
import { createLayer, el } from './lib/ui/layer.js';
import { TextareaAdapter } from './lib/adapters/textarea.js';
import { callApi, checkRequest } from './lib/api.js';
import { setCategories } from './lib/categories.js';
import { FindingsList } from './findings.js';
import { RewriteView } from './rewrite.js';
import { dialectFor } from './lib/settings.js';

const $ = (id) => document.getElementById(id);
const disabledRules = new Set();
const CONTACT_FIELDS = { phone: 'contact-phone', email: 'contact-email' };
const STATE_NOTES = { checking: 'Checking…', offline: 'The server cannot be reached; trying again on its own.' };
const NO_MARKS = [];
const NO_READING = [...$('reading').childNodes];
// The last answer and the text it was for: the score and the rewrite belong to that text only.
let latest = null;

// The agent's own details, asked once and kept in this browser (never the reply's text).
for (const [key, id] of Object.entries(CONTACT_FIELDS)) {
  $(id).value = localStorage.getItem(`tactful.contact.${key}`) ?? '';
  $(id).addEventListener('change', () => {
    localStorage.setItem(`tactful.contact.${key}`, $(id).value.trim());
    session.runCheck();
  });
}

function contact() {
  return Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([key, id]) => [key, $(id).value]));
}

// Redrawn only when it changes, so a screen reader hears a new reading once, not every check.
let shownReading = 'null';

function showReading(customer) {
  if (JSON.stringify(customer) === shownReading) return;
  shownReading = JSON.stringify(customer);
  if (!customer) return $('reading').replaceChildren(...NO_READING);
  const mood = el(document, 'p', 'mood');
  mood.append(el(document, 'span', customer.upset ? 'upset' : 'calm', customer.upset ? 'The customer sounds upset' : 'The customer sounds calm'));
  const reasons = el(document, 'ul', 'reasons');
  reasons.append(...customer.reasons.map((reason) => el(document, 'li', '', reason)));
  $('reading').replaceChildren(mood, reasons);
}

function showResult(text, data) {
  latest = { text, data };
  showReading(data.customer);
  $('score').textContent = String(data.score);
  $('score-meter').value = data.score;
  $('score-reason').textContent = data.score_reason;
  rewrite.show(text, data.rewrite);
}

async function check(text) {
  const body = checkRequest({
    text, channel: $('channel').value, customerMessage: $('customer').value, contact: contact(),
    followUp: $('follow-up').value, disabledRules: [...disabledRules], proofreading: $('proofreading').checked,
    dialect: $('dialect').value,
  });
  const result = await callApi(location.origin, '/v1/check', { body, apiKey: $('key')?.value.trim() });
  if (result.status === 'ok') showResult(text, result.data);
  return result;
}

/** Follows the session: the list is the marks on screen; score and rewrite wait for their text. */
function showReview({ state, marks, text }) {
  const written = Boolean(text.trim());
  const current = written && latest?.text === text;
  $('empty').hidden = written;
  $('results').hidden = !written || !latest;
  $('verdict').hidden = !written || !latest;
  $('state').textContent = state === 'error' ? session.note : STATE_NOTES[state] ?? '';
  $('review').classList.toggle('stale', written && !current);
  $('review').setAttribute('aria-busy', String(state === 'checking'));
  findings.show(written ? marks : NO_MARKS);
  $('findings-count').textContent = marks.length ? String(marks.length) : '';
  $('no-findings').hidden = !current || marks.length > 0;
  rewrite.setCurrent(current && state === 'ready');
}

// Labels and colours come from the server, like the extension's; without them the marks are grey.
const rules = await callApi(location.origin, '/v1/rules', { apiKey: $('key')?.value.trim() });
if (rules.status === 'ok') setCategories(rules.data.categories);

// The dialect the agent picked here before, else the browser's language (as in the extension).
const dialects = rules.data?.dialects ?? [];
$('dialect').replaceChildren(...dialects.map(({ id, label }) => new Option(label, id)));
$('dialect').value = dialectFor(localStorage.getItem('tactful.dialect'), navigator.language, dialects) ?? '';
$('dialect').addEventListener('change', () => {
  localStorage.setItem('tactful.dialect', $('dialect').value);
  session.runCheck();
});

const layer = createLayer();
const askForContact = () => $('contact-phone').focus();
const findings = new FindingsList($('findings'), { apply: (mark, edit) => session.apply(mark, edit), needDetail: askForContact });
const rewrite = new RewriteView(
  { diff: $('diff'), copy: $('copy'), use: $('use'), copied: $('copied'), same: $('same') },
  { onUse: (text) => latest?.text === $('reply').value && session.replaceAll(text) },
);
const session = new Session({
  adapter: new TextareaAdapter($('reply'), layer),
  layer,
  check,
  onDisableRule: (rule) => disabledRules.add(rule),
  onEnableRule: (rule) => disabledRules.delete(rule),
  onNeedDetail: askForContact,
  onRender: showReview,
});
$('check').addEventListener('click', () => session.runCheck());
for (const id of ['channel', 'customer', 'follow-up', 'proofreading']) $(id).addEventListener('change', () => session.runCheck());
session.start();
