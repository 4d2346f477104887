// The web page: the extension's Session on a plain textarea, calling the API on this origin.
import { Session } from './lib/session.js';
import { createLayer } from './lib/ui/layer.js';
import { TextareaAdapter } from './lib/adapters/textarea.js';
import { callApi, checkRequest } from './lib/api.js';
import { setCategories } from './lib/categories.js';
import { dialectFor } from './lib/settings.js';

const $ = (id) => document.getElementById(id);
const disabledRules = new Set();
const CONTACT_FIELDS = { phone: 'contact-phone', email: 'contact-email' };

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

function showResult(data) {
  $('score').textContent = Number.isFinite(data.score) ? `Score ${data.score}/100` : '';
  const customer = data.customer;
  $('reading').replaceChildren();
  if (!customer) return;
  const mood = Object.assign(document.createElement('span'), {
    className: customer.upset ? 'upset' : '',
    textContent: customer.upset ? 'The customer sounds upset' : 'The customer sounds calm',
  });
  const reasons = document.createElement('ul');
  reasons.append(...customer.reasons.map((reason) => Object.assign(document.createElement('li'), { textContent: reason })));
  $('reading').append(mood, reasons);
}

async function check(text) {
  const body = checkRequest({
    text, channel: $('channel').value, customerMessage: $('customer').value, contact: contact(),
    followUp: $('follow-up').value, disabledRules: [...disabledRules], proofreading: $('proofreading').checked,
    dialect: $('dialect').value,
  });
  const result = await callApi(location.origin, '/v1/check', { body, apiKey: $('key')?.value.trim() });
  if (result.status === 'ok') showResult(result.data);
  return result;
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
const session = new Session({
  adapter: new TextareaAdapter($('reply'), layer),
  layer,
  check,
  onDisableRule: (rule) => disabledRules.add(rule),
  onEnableRule: (rule) => disabledRules.delete(rule),
  onNeedDetail: () => $('contact-phone').focus(),
});
$('check').addEventListener('click', () => session.runCheck());
$('channel').addEventListener('change', () => session.runCheck());
$('customer').addEventListener('change', () => session.runCheck());
$('follow-up').addEventListener('change', () => session.runCheck());
$('proofreading').addEventListener('change', () => session.runCheck());
session.start();
