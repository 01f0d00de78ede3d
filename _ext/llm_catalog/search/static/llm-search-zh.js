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
 * It also makes the results find materials, not only pages (Sphinx 8.2.3's searchtools.js):
 *
 * - Each record is an object of the index (site/domain.py) named "title｜its search words"
 *   (site/searchwords.py). Scorer.score, Sphinx's hook for custom ranking, puts records above
 *   pages, those whose title holds the query first, then those with the query as a whole word,
 *   and among equals those that more study paths recommend.
 *   The results list shows the title as the link and the words after it, as text.
 * - A snippet is the page's [role=main] text, of which searchtools.js removes only header
 *   links, scripts and styles; Search.htmlToText is wrapped to drop what is no page text:
 *   forms and their labels, the progress panel (下一步's options) and hidden elements.
 *
 * Names: CONFIG_ID, the configuration's own id, is the one name it shares with Python
 * (site/names.py); llm-search-words, the class of the words it moves after a record's link, is
 * its own (styled by cards/static/llm-catalog.css, never written by Python;
 * tests/test_script_names.py knows it).
 *
 * Written for Sphinx 8.2.3's searchtools.js, whose loaded index is the private
 * Search._index, and whose Search.htmlToText this wraps (site/compat.py names every such use;
 * tests/test_compat.py guards it).
 */
(() => {
  "use strict";

  // How records are named in the index and what is no page text (site/searchwords.py), and
  // the words of the summary, from the page's configuration (site/scripts.py).
  const CONFIG_ID = "llm-config";
  const configElement = document.getElementById(CONFIG_ID);
  const config = configElement ? JSON.parse(configElement.textContent) : {};
  const settings = config.search;
  // Above every page result (the highest, an index entry that is the whole query, scores 100).
  const RECORD_SCORE = 100;
  const TITLE_SCORE = 20;
  const WORD_SCORE = 5;
  // Among equals, a record recommended by more study paths comes first.
  const PATH_SCORE = 0.1;

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

  const queryTerms = () => {
    const query = new URLSearchParams(globalThis.location.search).get("q") || "";
    return globalThis.splitQuery(query.toLowerCase().trim());
  };

  /*
   * Sphinx 8.2 asks for the result summary under message ids its Chinese catalogue does not
   * have yet, so the summary would appear in English; the page's configuration has the words.
   */
  if (typeof Documentation !== "undefined" && Documentation.TRANSLATIONS) {
    for (const [message, translation] of Object.entries(config.words?.search || {})) {
      Documentation.TRANSLATIONS[message] ??= [translation];
    }
  }

  if (!settings) return;

  // Sphinx's own values (searchtools.js defines Scorer only when none exists), and score().
  globalThis.Scorer = {
    objNameMatch: 11,
    objPartialMatch: 6,
    objPrio: { 0: 15, 1: 5, 2: -5 },
    objPrioDefault: 0,
    title: 15,
    partialTitle: 7,
    term: 5,
    partialTerm: 2,
    score: (result) => {
      const [, name, anchor, , score, , kind] = result;
      if (kind !== "object" || !anchor.startsWith(settings.recordAnchor)) return score;
      // The last separator ends the title: a title may contain it, the words never do.
      const at = name.lastIndexOf(settings.separator);
      const title = (at < 0 ? name : name.slice(0, at)).toLowerCase();
      const rest = at < 0 ? "" : name.slice(at + settings.separator.length).toLowerCase();
      const words = rest.split(settings.wordSeparator);
      const terms = queryTerms();
      const base = score + RECORD_SCORE + PATH_SCORE * words.filter((word) => word.startsWith(settings.pathWord)).length;
      if (terms.length && terms.every((term) => title.includes(term))) return base + TITLE_SCORE;
      if (terms.length && terms.every((term) => title.includes(term) || words.includes(term))) return base + WORD_SCORE;
      return base;
    },
  };

  // A record's result: its title is the link, its search words follow as plain text. The words
  // are moved out of the link as nodes, so the query's highlighting (sphinx_highlight.js) stays.
  const showRecord = (item) => {
    const link = item.querySelector(":scope > a");
    if (!link) return;
    // The last separator ends the title (a title may contain one; the words never do).
    const texts = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    const found = [];
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      if (text.data.includes(settings.separator)) found.push(text);
    }
    for (const text of found.slice(-1)) {
      const at = text.data.lastIndexOf(settings.separator);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(link, link.childNodes.length);
      const after = document.createElement("span");
      after.className = "llm-search-words";
      after.append(range.extractContents());
      const first = after.firstChild;
      if (first?.nodeType === Node.TEXT_NODE) first.data = ` ${first.data.slice(settings.separator.length)}`;
      link.after(after);
      return;
    }
  };

  const wrapSearch = () => {
    if (typeof Search === "undefined" || Search.llmWrapped) return;
    Search.llmWrapped = true;
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      for (const element of page.querySelectorAll(settings.notText)) element.remove();
      return htmlToText(page.documentElement.outerHTML, anchor);
    };
    const results = document.getElementById("search-results");
    if (!results) return;
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node instanceof HTMLLIElement && node.classList.contains("kind-object")) showRecord(node);
        }
      }
    }).observe(results, { childList: true, subtree: true });
  };
  // searchtools.js loads after this script and starts searching when the document is ready.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wrapSearch);
  else wrapSearch();
})();
