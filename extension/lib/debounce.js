/**
 * Calls `fn` once `wait` ms after the last call, and, when calls keep coming, at the latest
 * `maxWait` ms after the first one of the burst; `.cancel()` drops a pending call.
 */
export function debounce(fn, wait, { maxWait = Infinity } = {}) {
  let timer = null;
  let burstStarted = null;
  let lastArgs = [];
  const fire = () => {
    timer = null;
    burstStarted = null;
    fn(...lastArgs);
  };
  const debounced = (...args) => {
    lastArgs = args;
    const now = Date.now();
    burstStarted ??= now;
    clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(wait, burstStarted + maxWait - now)));
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = null;
    burstStarted = null;
  };
  debounced.pending = () => timer !== null;
  return debounced;
}
