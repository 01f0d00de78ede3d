/* Catalog filter: narrows the cards of a page by level, Chinese access, format, cost and topic.
   The state lives in the URL query (?level=a&level=b&cost=free ...). Without this script the form
   stays hidden and every card is shown. Text from the URL is only ever set as textContent. */
(function () {
  "use strict";
  var form = document.querySelector("form.llm-filter");
  if (!form || !window.URLSearchParams || !window.history) return;
  var KEYS = ["level", "lang", "format", "cost", "topic"];
  var QUIET = ["highlight"]; // Sphinx's search highlighting: not ours, not an error
  var items = [].slice.call(document.querySelectorAll("[data-llm-id]"));
  var boxes = [].slice.call(form.querySelectorAll("input[type=checkbox]"));
  var count = form.querySelector(".llm-filter-count");
  var note = form.querySelector(".llm-filter-note");
  var empty = document.querySelector(".llm-filter-empty");

  function chosen() {
    var state = {};
    KEYS.forEach(function (key) { state[key] = []; });
    boxes.forEach(function (box) { if (box.checked) state[box.name].push(box.value); });
    return state;
  }

  function matches(item, state) {
    return KEYS.every(function (key) {
      var want = state[key];
      if (!want.length) return true;
      var have = (item.getAttribute("data-llm-" + key) || "").split(" ");
      return have.some(function (value) { return want.indexOf(value) >= 0; });
    });
  }

  function apply() {
    var state = chosen(), shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, state);
      item.hidden = !ok;
      if (ok) shown++;
    });
    // A group whose cards are all hidden hides with its heading.
    [].forEach.call(document.querySelectorAll(".llm-cards"), function (grid) {
      grid.hidden = !grid.querySelector("[data-llm-id]:not([hidden])");
      var head = grid.previousElementSibling;
      if (head && head.classList.contains("llm-group-title")) head.hidden = grid.hidden;
    });
    count.textContent = form.getAttribute("data-count")
      .replace("{shown}", shown).replace("{total}", items.length);
    if (empty) empty.hidden = shown > 0;
  }

  function query() {
    var params = new URLSearchParams(), state = chosen();
    KEYS.forEach(function (key) {
      state[key].forEach(function (value) { params.append(key, value); });
    });
    var text = params.toString();
    return location.pathname + (text ? "?" + text : "") + location.hash;
  }

  function save() {
    // Refining a filter replaces the current history entry: Back leaves the page (and
    // returning restores the filter from the URL) instead of undoing one click at a time.
    try { history.replaceState(null, "", query()); } catch (e) { /* some file:// setups */ }
  }

  function fromUrl() {
    var ignored = [];
    boxes.forEach(function (box) { box.checked = false; });
    new URLSearchParams(location.search).forEach(function (value, key) {
      if (QUIET.indexOf(key) >= 0) return;
      var box = null;
      if (KEYS.indexOf(key) >= 0) {
        box = boxes.filter(function (b) { return b.name === key && b.value === value; })[0];
      }
      if (box) box.checked = true;
      else ignored.push(key + "=" + value);
    });
    note.textContent = ignored.length
      ? form.getAttribute("data-ignored").replace("{items}", ignored.join("、")) : "";
    note.hidden = !ignored.length;
    apply();
  }

  form.addEventListener("change", function () {
    note.hidden = true;
    apply();
    save();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector(".llm-filter-clear").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = false; });
    note.hidden = true;
    apply();
    save();
  });
  window.addEventListener("popstate", fromUrl);
  window.addEventListener("pageshow", function (event) { if (event.persisted) fromUrl(); });
  fromUrl();
  form.hidden = false;
})();
