// ESLint's flat configuration for the site's scripts (`make lint` runs it).
// One style: modern browser JavaScript (ES2022), strict, const/let, arrow functions.
import js from "@eslint/js";
import globals from "globals";

export default [
  // mutants/ is make mutation's copy of the project: its scripts are the originals, linted here.
  { ignores: ["node_modules/", ".venv/", "_build/", "mutants/"] },
  js.configs.recommended,
  {
    files: ["_ext/**/*.js", "_static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // Sphinx 8.2.3's search page (searchtools.js, doctools.js); see site/compat.py.
        Search: "readonly",
        Documentation: "readonly",
        DOCUMENTATION_OPTIONS: "readonly",
        // sphinx_highlight.js and the search language's stemmer (language_data.js).
        SPHINX_HIGHLIGHT_ENABLED: "readonly",
        _highlightText: "readonly",
        Stemmer: "readonly",
      },
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      "prefer-arrow-callback": "error",
      "func-style": ["error", "expression"],
      "object-shorthand": "error",
      "prefer-template": "error",
      eqeqeq: "error",
      strict: ["error", "function"],
    },
  },
];
