/*
 * Chinese query segmentation for Sphinx's search page.
 *
 * Sphinx segments Chinese text with jieba when it builds the index, but splits the
 * reader's query only on spaces and punctuation, so "论文列表" finds nothing although
 * the index holds "论文" and "列表". This splitter keeps Sphinx's rule and then cuts
 * each run of Han characters into the longest words the index knows (forward maximum
 * matching), so the query is segmented the way the pages were. searchtools.js only
 * defines its default splitQuery when none exists, so this must load before it.
 *
 * Written for Sphinx 8.2.3's searchtools.js, whose loaded index is the private
 * Search._index (site/compat.py names every such use; tests/test_compat.py guards it).
 */
(() => {
  "use strict";

  globalThis.splitQuery = (query) => {
    const parts = query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((term) => term);
    const index = typeof Search !== "undefined" ? Search._index : null;
    if (!index) return parts;
    const known = (word) => Object.hasOwn(index.terms, word) || Object.hasOwn(index.titleterms, word);
    const longest = 8;
    const out = [];
    for (const part of parts) {
      if (!/\p{Script=Han}/u.test(part) || known(part)) {
        out.push(part);
        continue;
      }
      let start = 0;
      while (start < part.length) {
        let end = Math.min(part.length, start + longest);
        while (end > start + 1 && !known(part.slice(start, end))) end -= 1;
        out.push(part.slice(start, end));
        start = end;
      }
    }
    return out;
  };

  /*
   * Sphinx 8.2 asks for the result summary under message ids its Chinese catalogue does not
   * have yet, so the summary would appear in English; the page's configuration has the words.
   */
  const configElement = document.getElementById("llm-config");
  if (!configElement || typeof Documentation === "undefined" || !Documentation.TRANSLATIONS) return;
  const words = JSON.parse(configElement.textContent).words.search || {};
  for (const [message, translation] of Object.entries(words)) {
    Documentation.TRANSLATIONS[message] ??= [translation];
  }
})();
