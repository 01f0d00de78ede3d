/*
 * Chinese search on Sphinx's search page: materials as well as pages.
 *
 * Sphinx segments Chinese text with jieba when it builds the index, but splits the
 * reader's query only on spaces and punctuation, so "论文列表" finds nothing although
 * the index holds "论文" and "列表". This splitter keeps Sphinx's rule and then cuts
 * each run of Han characters into the longest words the index knows (forward maximum
 * matching), so the query is segmented the way the pages were. searchtools.js only
 * defines its default splitQuery when none exists, so this must load before it.
 *
 * It also runs the query itself (Search.query, Sphinx 8.2.3's searchtools.js):
 *
 * - The query as the index understands it: any way of saying "from scratch" (the pattern
 *   settings.fromScratch, from site/words.py) becomes the one word the index holds for all of
 *   them (search/segment.py); the word for "newest" is an order, not a word to find; a year
 *   (settings.year) is a year.
 * - Materials: each record is an object of the index (site/domain.py) named "title｜its search
 *   words" (site/words.py). A record is found when its name holds any word of the query (a word
 *   it lacks never hides it), and when the query names years, only if it is of one of them; a
 *   record's years are its words that begin with a year. Those holding more of the query's words
 *   come first, then those whose title holds them, those holding them as whole words, and among
 *   equals those more study paths recommend; "newest" orders them by year first, and alone lists
 *   every material with a year. The title is the link, the words (its terms and years among
 *   them) follow as its snippet.
 * - Pages: Sphinx's own full-text search of the same query (Search._parseQuery and
 *   Search._performSearch, whose objects are left out: the materials are the objects), with
 *   Sphinx's snippets, made by Search.htmlToText, which is replaced to read each page once and
 *   drop what is no page text: forms and their labels, the progress panel, hidden elements.
 * - The whole list is painted at once, materials above pages, and the summary counts them apart.
 *   A query that finds nothing (a year outside the data, nothing but punctuation, an empty box)
 *   says so and links back to the home page; an error of this script ends the same way.
 *
 * Names: CONFIG_ID, the configuration's own id, is the one name it shares with Python
 * (site/names.py); llm-search-words, the class of the words after a record's link, is its own
 * (styled by cards/static/llm-catalog.css, never written by Python; tests/test_script_names.py
 * knows it). Every use of Sphinx's internals is named in site/compat.py (SEARCH_INTERNALS;
 * tests/test_compat.py guards them).
 */
(() => {
  "use strict";

  // How records are named in the index, what is no page text, the words of the summary: the
  // page's configuration (site/scripts.py, search/__init__.py).
  const CONFIG_ID = "llm-config";
  const configElement = document.getElementById(CONFIG_ID);
  const config = configElement ? JSON.parse(configElement.textContent) : {};
  const settings = config.search;
  const words = config.words?.search || {};

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
      // Chinese apart from Latin words and numbers beside it, as jieba cuts them ("2025年").
      for (const run of part.match(/\p{Script=Han}+|\P{Script=Han}+/gu)) {
        if (!/\p{Script=Han}/u.test(run) || known(run)) {
          out.push(run);
          continue;
        }
        let start = 0;
        while (start < run.length) {
          let end = Math.min(run.length, start + longest);
          while (end > start + 1 && !known(run.slice(start, end))) end -= 1;
          out.push(run.slice(start, end));
          start = end;
        }
      }
    }
    return out;
  };

  if (!settings) return;

  const yearAtStart = new RegExp(settings.year, "u");
  const fromScratch = new RegExp(settings.fromScratch, "giu");
  const han = /\p{Script=Han}/u;
  // What a Latin word or a number is made of (a Chinese character next to one is no part of it).
  const wordCharacter = /[\p{Script=Latin}\p{Number}]/u;
  const fill = (text, values) =>
    text.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? values[key] : whole));

  // -- The query ------------------------------------------------------------------------------

  /*
   * What the reader asked: the text Sphinx's page search gets, the words a material may hold,
   * the years it must be of, and whether the newest come first.
   */
  const understand = (query) => {
    let text = query.normalize("NFKC").replace(fromScratch, ` ${words.fromScratch} `);
    const newest = Boolean(words.newest) && text.includes(words.newest);
    if (newest) text = text.replaceAll(words.newest, " ");
    text = text.replace(/\s+/g, " ").trim();
    const terms = [...new Set(globalThis.splitQuery(text.toLowerCase()))];
    const isYear = (term) => yearAtStart.exec(term)?.[0] === term;
    const years = terms.filter(isYear);
    let others = terms.filter((term) => !isYear(term));
    // A single character, or a word as common as "the", would find nearly every material: such
    // a word counts only when the query is nothing else (the splitter leaves an unknown Chinese
    // phrase as single characters, which find nothing; the 年 of "2025 年" is no word to find).
    const stop = new Set(globalThis.stopwords || []);
    const telling = others.filter((term) => [...term].length > 1 && !stop.has(term));
    if (telling.length || others.length > 1 || years.length || newest) others = telling;
    return { text, newest, years, terms: others };
  };

  // -- Materials ------------------------------------------------------------------------------

  const unescape = (html) =>
    html.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) =>
      ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" })[entity],
    );

  let catalog = null;
  // Every object of the catalog in the index, read once: where it is, its title and its words.
  const materials = () => {
    if (catalog) return catalog;
    catalog = [];
    for (const [prefix, entries] of Object.entries(Search._index.objects)) {
      for (const [file, , prio, anchor, name] of entries) {
        if (!`#${anchor}`.startsWith(settings.recordAnchor)) continue;
        // Sphinx keys an object by what its name has before the last "." and keeps the rest.
        const full = unescape(prefix ? `${prefix}.${name}` : name);
        // The last separator ends the title: a title may contain it, the words never do.
        const at = full.lastIndexOf(settings.separator);
        const title = at < 0 ? full : full.slice(0, at);
        const rest = at < 0 ? "" : full.slice(at + settings.separator.length);
        const list = rest ? rest.split(settings.wordSeparator) : [];
        const years = list.map((word) => yearAtStart.exec(word)?.[0]).filter(Boolean).map(Number);
        catalog.push({
          file,
          prio,
          anchor,
          title,
          rest,
          titleText: title.toLowerCase(),
          nameText: `${title}${settings.separator}${rest}`.toLowerCase(),
          words: new Set(list.map((word) => word.toLowerCase())),
          years: new Set(years),
          newest: years.length ? Math.max(...years) : -Infinity,
          paths: list.filter((word) => word.startsWith(settings.pathWord)).length,
        });
      }
    }
    return catalog;
  };

  const startsWord = (text, term) => {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (at === 0 || !wordCharacter.test(text[at - 1])) return true;
    }
    return false;
  };
  // The search language's stemmer (language_data.js loads after this script).
  let stemmer = null;
  const stem = (term) => {
    if (!stemmer && typeof Stemmer !== "undefined") stemmer = new Stemmer();
    return stemmer ? stemmer.stemWord(term) : term;
  };
  // Does *text* hold *term*: Chinese anywhere (it has no spaces between words), a Latin word
  // or a number at the start of one of its words, as typed or stemmed as Sphinx stems it
  // ("transformers" finds "Transformer").
  const holds = (text, term) => {
    if (han.test(term)) return text.includes(term);
    if (startsWord(text, term)) return true;
    const stemmed = stem(term);
    return Boolean(stemmed) && stemmed !== term && startsWord(text, stemmed);
  };

  const findMaterials = ({ newest, years, terms }) => {
    if (!terms.length && !years.length && !newest) return [];
    const found = [];
    for (const material of materials()) {
      if (years.length && !years.some((year) => material.years.has(Number(year)))) continue;
      if (!terms.length && !years.length && material.newest === -Infinity) continue;
      const held = terms.filter((term) => holds(material.nameText, term));
      if (terms.length && !held.length) continue;
      found.push({
        material,
        held: held.length,
        inTitle: held.length > 0 && held.every((term) => holds(material.titleText, term)),
        whole: held.length > 0 && held.every((term) => holds(material.titleText, term) || material.words.has(term)),
      });
    }
    const order = (a, b) =>
      (newest ? b.material.newest - a.material.newest : 0) ||
      b.held - a.held ||
      b.inTitle - a.inTitle ||
      b.whole - a.whole ||
      b.material.paths - a.material.paths ||
      a.material.prio - b.material.prio ||
      (a.material.title < b.material.title ? -1 : a.material.title > b.material.title ? 1 : 0);
    return found.sort(order).map((result) => result.material);
  };

  // -- Pages ----------------------------------------------------------------------------------

  // Sphinx's results of the query's full-text search, best first, without objects (the
  // materials are the objects) and without what links where a material already does.
  const findPages = (text, shown) => {
    if (!text) return { pages: [], searchTerms: new Set(), highlightTerms: new Set() };
    const [query, searchTerms, excludedTerms, highlightTerms, objectTerms] = Search._parseQuery(text);
    const results = Search._performSearch(query, searchTerms, excludedTerms, highlightTerms, objectTerms);
    const pages = results
      .reverse()
      .filter(([docName, , anchor, , , , kind]) => kind !== "object" && !shown.has(`${docName}${anchor}`));
    return { pages, searchTerms, highlightTerms };
  };

  // Where a page is (to fetch it for its snippet) and its link from this page, as searchtools.js
  // makes them for the html and dirhtml builders.
  const located = (docName) => {
    const options = DOCUMENTATION_OPTIONS;
    const root = document.documentElement.dataset.content_root || "";
    if (options.BUILDER === "dirhtml") {
      let folder = `${docName}/`;
      if (folder.endsWith("/index/")) folder = folder.slice(0, -"index/".length);
      else if (folder === "index/") folder = "";
      return { request: root + folder, link: root + folder };
    }
    return { request: root + docName + options.FILE_SUFFIX, link: docName + options.LINK_SUFFIX };
  };

  const highlight = (element, terms) => {
    if (typeof SPHINX_HIGHLIGHT_ENABLED === "undefined" || !SPHINX_HIGHLIGHT_ENABLED) return;
    for (const term of terms) _highlightText(element, term, "highlighted");
  };

  // -- The list -------------------------------------------------------------------------------

  // A material: its title is the link, its words (what it is, when, who, what it offers) follow.
  const materialItem = (material, docNames) => {
    const item = document.createElement("li");
    item.className = "kind-object";
    const link = item.appendChild(document.createElement("a"));
    link.href = `${located(docNames[material.file]).link}#${material.anchor}`;
    link.textContent = material.title;
    if (material.rest) {
      const after = item.appendChild(document.createElement("span"));
      after.className = "llm-search-words";
      after.textContent = ` ${material.rest}`;
    }
    return item;
  };

  // A page, as searchtools.js shows it; and how to add its snippet, once the list is shown.
  const pageItem = ([docName, title, anchor, description, score, , kind], searchTerms, highlightTerms) => {
    const item = document.createElement("li");
    item.classList.add(`kind-${kind}`);
    const where = located(docName);
    const link = item.appendChild(document.createElement("a"));
    link.href = where.link + anchor;
    link.dataset.score = score;
    link.innerHTML = title; // the index holds titles as HTML, escaped by Sphinx
    let snippet = null;
    if (description) {
      item.appendChild(document.createElement("span")).innerHTML = ` (${description})`;
      highlight(item, highlightTerms);
    } else if (DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY) {
      snippet = () =>
        fetch(where.request)
          .then((response) => response.text())
          .then((html) => {
            const summary = html && Search.makeSearchSummary(html, searchTerms, anchor);
            if (summary) item.append(summary);
            highlight(item, highlightTerms);
          })
          .catch(() => {}); // no snippet (a page read from disk may not be fetched)
    }
    return { item, snippet };
  };

  const finish = (summary) => {
    Search.stopPulse();
    Search.title.innerText = Documentation.gettext("Search Results");
    document.getElementById("search-progress")?.replaceChildren();
    Search.status.replaceChildren(...summary);
  };

  // Nothing found: say so, and the way back to the home page.
  const nothing = (query) => {
    const said = query.trim() ? fill(words.none, { query: query.trim() }) : words.empty;
    const [before, after] = words.back.split("{home}");
    const parts = [`${said}${before}`];
    if (settings.home !== null && settings.home !== undefined) {
      const home = document.createElement("a");
      home.href = located(settings.home).link;
      home.textContent = words.home;
      parts.push(home);
    } else {
      parts.push(words.home);
    }
    parts.push(after);
    Search.output?.replaceChildren();
    finish(parts);
  };

  const run = (query) => {
    const asked = understand(query);
    const docNames = Search._index.docnames;
    const found = findMaterials(asked);
    const shown = new Set(found.map((material) => `${docNames[material.file]}#${material.anchor}`));
    const { pages, searchTerms, highlightTerms } = findPages(asked.terms.length ? asked.text : "", shown);
    if (!found.length && !pages.length) {
      nothing(query);
      return;
    }
    const list = document.createDocumentFragment();
    for (const material of found) list.append(materialItem(material, docNames));
    const pageItems = pages.map((page) => pageItem(page, searchTerms, highlightTerms));
    list.append(...pageItems.map(({ item }) => item));
    Search.output.replaceChildren(list);
    finish([fill(words.summary, { records: found.length, pages: pages.length })]);
    for (const { snippet } of pageItems) snippet?.();
  };

  const takeOver = () => {
    if (typeof Search === "undefined" || Search.llmQuery) return;
    Search.llmQuery = true;
    Search.query = (query) => {
      try {
        run(query);
      } catch (error) {
        console.error(error);
        nothing(query);
      }
    };
    // A snippet is the page's [role=main] text (or the anchored part of it), read once, without
    // header links, scripts, styles and what is no page text.
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      for (const element of page.querySelectorAll(`.headerlink, script, style, ${settings.notText}`)) element.remove();
      const main = page.querySelector('[role="main"]');
      let part = null;
      if (main && anchor) {
        try {
          part = main.querySelector(anchor);
        } catch {
          part = null; // an anchor that is no selector: the whole page
        }
      }
      return (part || main)?.textContent || "";
    };
    // Sphinx searches only for a query with text; an empty box finds nothing, and says so.
    if (new URLSearchParams(globalThis.location.search).get("q") === "") Search.performSearch("");
  };
  // searchtools.js loads after this script and starts searching when the document is ready.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", takeOver);
  else takeOver();
})();
