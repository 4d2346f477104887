// Checks while typing, measured in a real browser with the real extension and API, on the
// Zendesk composer holding a 1,000- and a 5,000-character reply:
//   - the longest gap between checks during 10 s of continuous typing (a key every 70 ms),
//     counted from the first keystroke to the last (the goal: none over 2 s);
//   - the time from the agent's last keystroke to the underline of the words typed last
//     (the goal: 400 ms or less);
//   - what each keystroke costs the page, Tactful on and off: keydown to the end of the next
//     frame, p50 and p90 (both browsers), and in Chromium the script time per key.
// Usage: node bench/typing.js [--runs 3]   (TACTFUL_BROWSER=firefox for Firefox)
// Checks are timed by a loopback proxy between the extension and the API that records when
// each POST /v1/check arrives and nothing else (never the text). Writes artifacts/<browser>/typing.json.
import { createServer, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ARTIFACTS, launch, startApi } from '../test/e2e/harness.js';

const EDITOR = '[data-ticket-id="101"] [data-test-id="omnicomposer-rich-text-ckeditor"]';
const KEY_MS = 70;
const TYPING_MS = 10000;
const SIZES = [1000, 5000];
const CALM = 'We refunded the second payment today and you will see it on your card within three days. ';
const TYPED = 'I have looked at the order again and the courier says it is at the depot now, so it should reach you soon. ';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const browserName = process.env.TACTFUL_BROWSER || 'chromium';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Forwards to the API; `arrivals` gets the time of each check (performance.now() in this process). */
function startProxy(target) {
  const arrivals = [];
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url.startsWith('/v1/check')) arrivals.push(performance.now());
    const upstream = request(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, arrivals, close: () => server.close(),
  })));
}

/** The reply's paragraphs, about `size` characters with one dismissive phrase near the start. */
function replyOf(size) {
  const paragraphs = ['Hi Ana, as I already explained, the refund takes a few days.'];
  while (paragraphs.join(' ').length < size) paragraphs.push(CALM.repeat(3).trim());
  return paragraphs.map((p) => `<p>${p}</p>`).join('');
}

/** Records keydown → end of the next frame for every key, in the page. */
function watchKeys() {
  window.keyCosts = [];
  document.addEventListener('keydown', () => {
    const start = performance.now();
    window.lastKeyAt = start;
    requestAnimationFrame(() => setTimeout(() => window.keyCosts.push(performance.now() - start)));
  }, true);
}

async function openTicket(browser, size, enabled) {
  await browser.worker.evaluate((on) => chrome.storage.sync.set({ sites: { 'acme.zendesk.com': on } }), enabled);
  const page = await browser.context.newPage();
  await page.addInitScript(watchKeys);
  await page.goto('https://acme.zendesk.com/agent/tickets/101');
  await page.waitForFunction(() => window.editors?.['101']);
  await page.evaluate((html) => window.editors['101'].setData(html), replyOf(size));
  await page.locator(EDITOR).click();
  await page.keyboard.press('Control+End');
  if (enabled) {
    await page.waitForFunction(() => (CSS.highlights.get('tactful-dismissive')?.size ?? 0) > 0, undefined, { timeout: 20000 });
    await page.locator('tactful-layer .pill:not(.busy)').waitFor();
  }
  return page;
}

async function scriptMs(browser, page) {
  if (!browser.context.newCDPSession) return null;
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
}

/** One run: 10 s of typing, then a dismissive phrase and a pause. */
async function run(browser, proxy, size, enabled) {
  const page = await openTicket(browser, size, enabled);
  const script = await scriptMs(browser, page);
  const keys = Math.round(TYPING_MS / KEY_MS);
  const text = TYPED.repeat(Math.ceil(keys / TYPED.length)).slice(0, keys);
  const scriptBefore = script ? await script() : 0;
  proxy.arrivals.length = 0;
  const start = performance.now();
  await page.keyboard.type(text, { delay: KEY_MS });
  const end = performance.now();
  const scriptPerKey = script ? ((await script()) - scriptBefore) / keys : null;
  const checks = proxy.arrivals.filter((t) => t >= start && t <= end);
  const marks = [start, ...checks, end];
  const longestGap = Math.max(...marks.slice(1).map((t, i) => t - marks[i]));
  const costs = await page.evaluate(() => window.keyCosts.splice(0));
  let underline = null;
  if (enabled) {
    const before = await page.evaluate(() => CSS.highlights.get('tactful-dismissive')?.size ?? 0);
    await page.keyboard.type(' Calm down.', { delay: KEY_MS });
    const handle = await page.waitForFunction((count) => (CSS.highlights.get('tactful-dismissive')?.size ?? 0) > count &&
      performance.now() - window.lastKeyAt, before, { polling: 'raf', timeout: 10000 });
    underline = await handle.jsonValue();
  }
  await page.close();
  return { checks: checks.length, longestGap, underline, keyP50: percentile(costs, 0.5), keyP90: percentile(costs, 0.9), scriptPerKey };
}

const round = (x) => (x === null ? null : Math.round(x * 10) / 10);

const api = await startApi();
const proxy = await startProxy(api.url);
const browser = await launch(proxy.url);
const results = { browser: browserName, keyMs: KEY_MS, typingMs: TYPING_MS, runs: Number(args.runs), sizes: {} };
try {
  for (const size of SIZES) {
    const on = [];
    const off = [];
    for (let i = 0; i < Number(args.runs); i += 1) {
      on.push(await run(browser, proxy, size, true));
      off.push(await run(browser, proxy, size, false));
    }
    const summary = (runs, key) => round(median(runs.map((r) => r[key]).filter((x) => x !== null)));
    results.sizes[size] = {
      checksWhileTyping: summary(on, 'checks'),
      longestGapMs: { median: summary(on, 'longestGap'), worst: round(Math.max(...on.map((r) => r.longestGap))) },
      lastKeyToUnderlineMs: { median: summary(on, 'underline'), worst: round(Math.max(...on.map((r) => r.underline))) },
      keyToFrameMs: { on: { p50: summary(on, 'keyP50'), p90: summary(on, 'keyP90') }, off: { p50: summary(off, 'keyP50'), p90: summary(off, 'keyP90') } },
      scriptMsPerKey: on[0].scriptPerKey === null ? null : { on: summary(on, 'scriptPerKey'), off: summary(off, 'scriptPerKey') },
    };
    console.log(`${browserName} ${size} chars: ${JSON.stringify(results.sizes[size])}`);
  }
} finally {
  await browser.close();
  proxy.close();
  api.stop();
}
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(path.join(ARTIFACTS, 'typing.json'), `${JSON.stringify(results, null, 2)}\n`);
