// ESLint's recommended rules over the extension, its tests and the web page's own script.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'artifacts/', '.cache/'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  { files: ['test/**', 'scripts/**', 'eslint.config.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
