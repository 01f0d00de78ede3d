/* Catalog filter; how it behaves and why is described in filtering.py. Words and every class
 * or attribute Python writes come from the page's configuration (written by site/scripts.py;
 * the names are filter/names.py's, under names.filter); CONFIG_ID, the configuration's own id,
 * is the one name known to both (site/names.py). The only class of its own is that of the
 * button it adds, llm-filter-more (styled by llm-filter.css; tests/test_script_names.py knows). */
(() => {
  "use strict";
  const CONFIG_ID = "llm-config";
  const configElement = document.getElementById(CONFIG_ID);
  if (!configElement || !window.URLSearchParams) return;
  const config = JSON.parse(configElement.textContent);
  const names = config.names.filter;
  const form = document.querySelector(`form.${names.form}`);
  if (!form) return;
  const keys = config.facetKeys;
  const attribute = config.facetAttribute;
  const words = config.words.filter;
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
  const boxes = $$("input[type=checkbox]", form);
  // A card carries its facets by name (data-llm-level="…"); a compact row as the numbers of the
  // boxes (data-llm-f="0 4 9"). Each item's facets are read once: a change then touches only
  // the rows that change.
  const facetsOf = (element) => {
    const codes = element.getAttribute(attribute + names.facetCodes);
    if (codes === null) return keys.map((key) => (element.getAttribute(attribute + key) || "").split(" "));
    const found = keys.map(() => []);
    codes.split(" ").forEach((code) => {
      const box = boxes[Number(code)];
      if (box) found[keys.indexOf(box.name)].push(box.value);
    });
    return found;
  };
  const items = $$(`[${attribute}id]`).map((element) => ({
    element,
    group: element.closest(`.${names.cards}, .${names.rows}`),
    facets: facetsOf(element),
  }));
  const groups = [...new Set(items.map((item) => item.group).filter(Boolean))];
  const count = form.querySelector(`.${names.count}`);
  const dropped = form.querySelector(`.${names.dropped}`);
  // Each facet's box for the records whose value of it is unknown (none where all state it).
  const unknown = config.filter.unknown;
  const unknownBoxes = keys.map((key) => boxes.find((box) => box.name === key && box.value === unknown));
  const note = form.querySelector(`.${names.note}`);
  const empty = form.querySelector(`.${names.empty}`);
  const more = document.createElement("button");
  more.type = "button";
  more.className = "llm-filter-more";
  more.hidden = true;
  if (groups.length) groups[groups.length - 1].after(more);
  // 更多 (a phone): a long facet's other boxes, shown and hidden again. While they are folded the
  // stylesheet hides them, all but the ticked ones; a wide screen shows them all and no button.
  const folds = $$(`.${names.unfold}`, form).map((button) => ({
    button,
    rest: $$("input", button.parentElement.querySelector(`.${names.rest}`)),
  }));
  const showFolds = () =>
    folds.forEach(({ button, rest }) => {
      const open = button.getAttribute("aria-expanded") === "true";
      const folded = rest.filter((box) => !box.checked).length;
      button.textContent = open ? words.fold : words.unfold.replace("{count}", folded);
      button.hidden = !open && !folded;
    });
  folds.forEach(({ button, rest }) =>
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      const first = rest.find((box) => !box.checked); // the first box it shows
      button.setAttribute("aria-expanded", String(open));
      showFolds();
      if (open && first) first.focus();
    }),
  );
  let limit = words.pageSize;
  let shown = new Set(items); // without JavaScript every item shows

  const chosen = () => keys.map((key) => boxes.filter((box) => box.checked && box.name === key).map((b) => b.value));
  const matches = (item, state) =>
    state.every((want, index) => !want.length || want.some((value) => item.facets[index].includes(value)));

  // A facet with ticked boxes hides the records whose value of it is unknown: per facet, how many
  // of them the other facets' boxes let through (those its unknown box would add).
  const leftOut = (state) =>
    keys.map((key, index) => {
      const box = unknownBoxes[index];
      if (!box || box.checked || !state[index].length) return 0;
      const others = state.map((want, other) => (other === index ? [unknown] : want));
      return items.filter((item) => matches(item, others)).length;
    });

  // 另有 3 项费用未查或未确认 [一并列出], one line per such facet; rewritten only when it changes,
  // so its live region speaks only then.
  let saidDropped = "";
  const showDropped = (counts) => {
    const said = counts.join(" ");
    if (said === saidDropped) return;
    saidDropped = said;
    dropped.replaceChildren(
      ...keys.flatMap((key, index) => {
        if (!counts[index]) return [];
        const line = document.createElement("p");
        const text = document.createElement("span");
        text.id = `${names.dropped}-${key}`;
        text.textContent = words.dropped[key].replace("{count}", counts[index]);
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = words.include;
        button.setAttribute("aria-describedby", text.id);
        button.addEventListener("click", () => include(index));
        line.append(text, " ", button);
        return [line];
      }),
    );
  };

  // Only the first `limit` matches are listed (more on request): the time of a change and the
  // page's length stay the same at 50 records or 5,000.
  const apply = () => {
    const state = chosen();
    showDropped(leftOut(state));
    showFolds();
    const matching = items.filter((item) => matches(item, state));
    const next = new Set(matching.slice(0, limit));
    shown.forEach((item) => next.has(item) || (item.element.hidden = true));
    next.forEach((item) => shown.has(item) || (item.element.hidden = false));
    shown = next;
    const live = new Set([...next].map((item) => item.group));
    groups.forEach((grid) => {
      grid.hidden = !live.has(grid);
      const head = grid.previousElementSibling;
      if (head && head.classList.contains(names.groupTitle)) head.hidden = grid.hidden;
    });
    count.textContent = words.count.replace("{shown}", matching.length).replace("{total}", items.length);
    empty.hidden = matching.length > 0;
    const rest = matching.length - next.size;
    more.hidden = rest <= 0;
    more.textContent = words.more
      .replace("{next}", Math.min(rest, words.pageSize))
      .replace("{listed}", next.size)
      .replace("{shown}", matching.length);
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
    limit = words.pageSize;
    apply();
  };

  // After a change the count and the first result are in view (on a phone they would otherwise
  // sit below the form): the page scrolls only as far as needed, and only when needed.
  const reveal = () => {
    const first = items.find((item) => shown.has(item));
    const target = first ? first.element : empty;
    const box = target.getBoundingClientRect();
    if (box.bottom > innerHeight || box.top < 0) target.scrollIntoView({ block: "nearest", behavior: "instant" });
  };

  const changed = () => {
    note.hidden = true;
    limit = words.pageSize;
    apply();
    save();
    reveal();
  };
  // 一并列出: tick the facet's unknown box, which then has the focus the button had.
  const include = (index) => {
    const box = unknownBoxes[index];
    box.checked = true;
    box.focus();
    changed();
  };
  form.addEventListener("change", changed);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector(`.${names.clear}`).addEventListener("click", () => {
    boxes.forEach((box) => (box.checked = false));
    changed();
  });
  more.addEventListener("click", () => {
    limit += words.pageSize;
    apply();
  });
  // Printing lists every match, not only the first page of them.
  addEventListener("beforeprint", () => {
    limit = Infinity;
    apply();
  });
  addEventListener("afterprint", () => {
    limit = words.pageSize;
    apply();
  });
  addEventListener("popstate", fromUrl);
  addEventListener("pageshow", (event) => event.persisted && fromUrl());
  fromUrl();
  form.hidden = false;
})();
