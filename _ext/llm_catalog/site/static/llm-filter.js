/* Catalog filter; how it behaves and why is described in filtering.py. Names and words come
 * from the page's configuration (#llm-config, written by scripts.py). */
(() => {
  "use strict";
  const form = document.querySelector("form.llm-filter");
  const configElement = document.getElementById("llm-config");
  if (!form || !configElement || !window.URLSearchParams) return;
  const config = JSON.parse(configElement.textContent);
  const keys = config.facetKeys;
  const attribute = config.facetAttribute;
  const words = config.words.filter;
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
  const items = $$(`[${attribute}id]`);
  const boxes = $$("input[type=checkbox]", form);
  const count = form.querySelector(".llm-filter-count");
  const note = form.querySelector(".llm-filter-note");
  const empty = form.querySelector(".llm-filter-empty");

  const chosen = () => {
    const state = Object.fromEntries(keys.map((key) => [key, []]));
    boxes.forEach((box) => box.checked && state[box.name].push(box.value));
    return state;
  };
  const matches = (item, state) =>
    keys.every((key) => {
      const have = (item.getAttribute(attribute + key) || "").split(" ");
      return !state[key].length || state[key].some((value) => have.includes(value));
    });

  const apply = () => {
    const state = chosen();
    let shown = 0;
    items.forEach((item) => {
      item.hidden = !matches(item, state);
      shown += !item.hidden;
    });
    $$(`.${config.cards}`).forEach((grid) => {
      grid.hidden = !grid.querySelector(`[${attribute}id]:not([hidden])`);
      const head = grid.previousElementSibling;
      if (head && head.classList.contains(config.groupTitle)) head.hidden = grid.hidden;
    });
    count.textContent = words.count.replace("{shown}", shown).replace("{total}", items.length);
    empty.hidden = shown > 0;
  };

  const save = () => {
    const params = new URLSearchParams();
    boxes.forEach((box) => box.checked && params.append(box.name, box.value));
    const query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    } catch {
      /* some file:// setups refuse it: the filter works, the address stays */
    }
  };

  const fromUrl = () => {
    const ignored = [];
    boxes.forEach((box) => (box.checked = false));
    new URLSearchParams(location.search).forEach((value, key) => {
      if (key === "highlight") return;
      const box = boxes.find((b) => b.name === key && b.value === value);
      if (box) box.checked = true;
      else ignored.push(`${key}=${value}`);
    });
    note.textContent = words.ignored.replace("{items}", ignored.join(words.separator));
    note.hidden = !ignored.length;
    apply();
  };

  const changed = () => {
    note.hidden = true;
    apply();
    save();
  };
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector(".llm-filter-clear").addEventListener("click", () => {
    boxes.forEach((box) => (box.checked = false));
    changed();
  });
  addEventListener("popstate", fromUrl);
  addEventListener("pageshow", (event) => event.persisted && fromUrl());
  fromUrl();
  form.hidden = false;
})();
