import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { debounce } from '../../lib/debounce.js';

test('debounce calls once, after the last call, with its arguments', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const calls = [];
  const d = debounce((x) => calls.push(x), 600);
  d(1); mock.timers.tick(300); d(2); mock.timers.tick(599);
  assert.deepEqual(calls, []);
  mock.timers.tick(1);
  assert.deepEqual(calls, [2]);
  d(3); assert.equal(d.pending(), true); d.cancel(); mock.timers.tick(1000);
  assert.deepEqual(calls, [2]);
  mock.timers.reset();
});

test('calls that keep coming still fire every maxWait ms, then once after the last', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const calls = [];
  const d = debounce((x) => calls.push(x), 600, { maxWait: 1500 });
  for (let key = 0; key < 40; key += 1) { d(key); mock.timers.tick(100); } // 4 s of typing, a key every 100 ms
  assert.deepEqual(calls, [14, 29]);
  mock.timers.tick(600);
  assert.deepEqual(calls, [14, 29, 39]);
  mock.timers.reset();
});
