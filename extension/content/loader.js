// Content scripts cannot be ES modules, so this classic script imports the real one
// (content/main.js and lib/ are web-accessible for exactly this).
(() => {
  if (globalThis.__tactfulLoaded) return;
  globalThis.__tactfulLoaded = true;
  import(chrome.runtime.getURL('content/main.js')).catch((error) => console.warn('Tactful did not start', error));
})();
