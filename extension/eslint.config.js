// ESLint's recommended rules over the extension, its tests and the web page's own scripts
// (server/tactful/web/static, linted from the repository root by `npm run lint`). Vendored
// libraries are linted by their authors.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'artifacts/', '.cache/', 'lib/vendor/'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  { files: ['test/**', 'bench/**', 'scripts/**', 'eslint.config.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
];
