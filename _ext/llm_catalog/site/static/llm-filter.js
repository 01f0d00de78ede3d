/* Catalog filter; how it behaves and why is described in filtering.py. */
(() => {
  "use strict";
  const form = document.querySelector("form.llm-filter");
  if (!form || !window.URLSearchParams) return;
  const KEYS = ["level", "lang", "format", "cost", "topic"];
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const items = $$("[data-llm-id]");
  const boxes = $$("input[type=checkbox]", form);
  const count = form.querySelector(".llm-filter-count");
  const note = form.querySelector(".llm-filter-note");
  const empty = form.querySelector(".llm-filter-empty");

  const chosen = () => {
    const state = {};
    KEYS.forEach((key) => (state[key] = []));
    boxes.forEach((box) => box.checked && state[box.name].push(box.value));
    return state;
  };
  const matches = (item, state) =>
    KEYS.every((key) => {
      const have = (item.getAttribute("data-llm-" + key) || "").split(" ");
      return !state[key].length || state[key].some((value) => have.includes(value));
    });

  const apply = () => {
    const state = chosen();
    let shown = 0;
    items.forEach((item) => {
      item.hidden = !matches(item, state);
      shown += !item.hidden;
    });
    $$(".llm-cards").forEach((grid) => {
      grid.hidden = !grid.querySelector("[data-llm-id]:not([hidden])");
      const head = grid.previousElementSibling;
      if (head && head.classList.contains("llm-group-title")) head.hidden = grid.hidden;
    });
    count.textContent = form.dataset.count.replace("{shown}", shown).replace("{total}", items.length);
    empty.hidden = shown > 0;
  };

  const save = () => {
    const params = new URLSearchParams();
    boxes.forEach((box) => box.checked && params.append(box.name, box.value));
    const query = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (e) {}
  };

  const fromUrl = () => {
    const ignored = [];
    boxes.forEach((box) => (box.checked = false));
    new URLSearchParams(location.search).forEach((value, key) => {
      if (key === "highlight") return;
      const box = boxes.find((b) => b.name === key && b.value === value);
      if (box) box.checked = true;
      else ignored.push(key + "=" + value);
    });
    note.textContent = form.dataset.ignored.replace("{items}", ignored.join(form.dataset.separator));
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
