import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
Object.assign(globalThis, { Element: window.Element, HTMLTextAreaElement: window.HTMLTextAreaElement, Node: window.Node });
const { channelFor, customerMessageFor, editableFor } = await import('../../content/site.js');

const page = (html) => {
  window.document.body.innerHTML = html;
  return window.document;
};

test('X: channel twitter, customer message is the tweet right before the reply box', () => {
  const doc = page(`<article data-testid="tweet"><div data-testid="tweetText">first</div></article>
    <article data-testid="tweet"><div data-testid="tweetText">my order is late 😡</div></article>
    <div id="box" contenteditable="true"></div>
    <article data-testid="tweet"><div data-testid="tweetText">a later reply</div></article>`);
  const box = doc.getElementById('box');
  assert.equal(channelFor('x.com', box), 'twitter');
  assert.equal(customerMessageFor('x.com', box), 'my order is late 😡');
});

test("Zendesk: the composer's own ticket, not another open one; chat for messaging tickets", () => {
  const doc = page(`<section data-ticket-id="1"><div data-test-id="omni-log-message-content">other ticket</div></section>
    <section data-ticket-id="2"><div data-test-id="omni-log-message-content">old</div>
      <div data-test-id="omni-log-message-content"> charged twice </div>
      <button data-test-id="omnichannel-channel-switcher-button">Messaging</button><div id="editor"></div></section>`);
  const editor = doc.getElementById('editor');
  assert.equal(customerMessageFor('acme.zendesk.com', editor), 'charged twice');
  assert.equal(channelFor('acme.zendesk.com', editor), 'chat');
  assert.equal(channelFor('support.example.com', editor), 'generic');
});

test('read-only, disabled and opted-out fields are skipped', () => {
  const doc = page(`<textarea id="ok"></textarea><textarea id="ro" readonly></textarea>
    <div data-gramm="false"><textarea id="out"></textarea></div><textarea id="g" data-enable-grammarly="false"></textarea>`);
  const pick = (id) => editableFor(doc.getElementById(id));
  assert.equal(pick('ok')?.id, 'ok');
  assert.equal(pick('ro'), null);
  assert.equal(pick('out'), null);
  assert.equal(pick('g'), null);
});
