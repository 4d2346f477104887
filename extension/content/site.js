// What Tactful knows about the sites agents answer from: which editable to check, which
// channel that is, and where the customer's last message is on the page.

const OPT_OUT = '[data-gramm="false"], [data-enable-grammarly="false"], [data-tactful="false"]';

/** The editable to check for a focused node, or null (password, read-only, opted out). */
export function editableFor(node) {
  if (!(node instanceof Element) || node.closest(OPT_OUT)) return null;
  if (node instanceof HTMLTextAreaElement) return node.readOnly || node.disabled ? null : node;
  if (!node.isContentEditable) return null;
  let root = node;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root.getAttribute('aria-readonly') === 'true' ? null : root;
}

function siteOf(host) {
  if (/(^|\.)(x|twitter)\.com$/.test(host)) return 'x';
  if (/(^|\.)zendesk\.com$/.test(host)) return 'zendesk';
  return null;
}

/** Channel for the API: x.com → twitter; Zendesk → chat for messaging tickets, else email. */
export function channelFor(host, editable) {
  const site = siteOf(host);
  if (site === 'x') return 'twitter';
  if (site === 'zendesk') {
    const switcher = ticketPanel(editable)?.querySelector('[data-test-id="omnichannel-channel-switcher-button"]');
    return /chat|messag|whatsapp/i.test(switcher?.textContent ?? '') ? 'chat' : 'email';
  }
  return 'generic';
}

/** The customer's last message near this composer, or '' when none is found. */
export function customerMessageFor(host, editable) {
  const site = siteOf(host);
  if (site === 'x') return answeredTweet(editable);
  if (site === 'zendesk') return latestZendeskMessage(editable);
  return '';
}

// The tweet being answered is the last tweet before the reply box (in the reply dialog when open).
function answeredTweet(editable) {
  const scope = editable.closest('[role="dialog"]') ?? editable.ownerDocument;
  const tweets = [...scope.querySelectorAll('article[data-testid="tweet"]')]
    .filter((tweet) => tweet.compareDocumentPosition(editable) & Node.DOCUMENT_POSITION_FOLLOWING);
  return tweets.at(-1)?.querySelector('[data-testid="tweetText"]')?.textContent ?? '';
}

// Every open ticket stays in the DOM, so read only the log of the ticket holding this composer.
function latestZendeskMessage(editable) {
  const messages = ticketPanel(editable)?.querySelectorAll('[data-test-id="omni-log-message-content"]') ?? [];
  return [...messages].at(-1)?.textContent.trim() ?? '';
}

function ticketPanel(editable) {
  return editable.closest('[data-ticket-id]');
}
