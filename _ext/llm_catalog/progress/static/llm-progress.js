/* Study progress (已学完), kept only in this browser's localStorage, keyed by record id.
 *
 * The page carries no checkboxes: this script turns the empty, hidden markers the HTML
 * post-transform wrote (progress.py) into checkboxes, counts and the "下一步" list, so without
 * JavaScript nothing of this shows. Every word, the id pattern and every class or attribute
 * Python writes come from the page's configuration (written by site/scripts.py; the names are
 * progress/names.py's, under names.progress); CONFIG_ID, the configuration's own id, is the one
 * name known to both (site/names.py). No network, works from file://.
 *
 * What stays here: the names of what this script makes itself, styled by llm-progress.css and
 * never written by Python (llm-done, llm-is-done, llm-progress-error, llm-next-unreleased, the
 * pace box's llm-pace-*), and the storage keys and file format of the reader's progress
 * (llm-study-guide-*), which must not change between versions. tests/test_script_names.py
 * holds the same list.
 */
(() => {
  "use strict";

  const CONFIG_ID = "llm-config";
  const KEY = "llm-study-guide-progress";
  const GOAL_KEY = "llm-study-guide-goal";
  const FORMAT = "llm-study-guide-progress";
  const VERSION = 1;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  let words = {};
  let names = {};
  let ID = null;
  let memory = null; // used when localStorage is unavailable (e.g. storage disabled)

  const say = (key, values = {}) => {
    let text = words[key] || key;
    Object.keys(values).forEach((name) => {
      text = text.split(`{${name}}`).join(String(values[name]));
    });
    return text;
  };

  const today = () => new Date().toISOString().slice(0, 10);

  // -- State ---------------------------------------------------------------------------

  const emptyState = () => ({ format: FORMAT, version: VERSION, done: {} });

  /* A progress file or stored value: {format, version, done: {id: "YYYY-MM-DD"}}. */
  const validState = (value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, why: "import_not_object" };
    if (value.format !== FORMAT) return { ok: false, why: "import_foreign" };
    if (value.version !== VERSION) return { ok: false, why: "import_version" };
    const done = value.done;
    if (!done || typeof done !== "object" || Array.isArray(done)) return { ok: false, why: "import_no_done" };
    const clean = {};
    for (const id of Object.keys(done)) {
      if (!ID.test(id) || typeof done[id] !== "string" || !DATE.test(done[id])) {
        return { ok: false, why: "import_bad_entry", id };
      }
      clean[id] = done[id];
    }
    return { ok: true, state: { format: FORMAT, version: VERSION, done: clean } };
  };

  const readState = () => {
    if (memory) return memory;
    try {
      const raw = window.localStorage.getItem(KEY);
      const parsed = raw ? JSON.parse(raw) : null;
      const checked = parsed && validState(parsed);
      if (checked && checked.ok) return checked.state;
    } catch {
      /* unreadable storage counts as no progress */
    }
    return emptyState();
  };

  const writeState = (state) => {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      memory = null;
    } catch {
      memory = state;
    }
  };

  const isDone = (state, id) => Object.hasOwn(state.done, id);

  const setDone = (id, done) => {
    const state = readState();
    if (done) state.done[id] = state.done[id] || today();
    else delete state.done[id];
    writeState(state);
    refresh();
  };

  // -- Checkboxes ----------------------------------------------------------------------

  const makeCheckbox = (slot) => {
    const id = slot.getAttribute(names.idAttribute);
    const label = document.createElement("label");
    label.className = "llm-done";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute(names.idAttribute, id);
    box.addEventListener("change", () => setDone(id, box.checked));
    const text = document.createElement("span");
    text.textContent = say("done");
    label.append(box, text);
    const title = slot.getAttribute(names.titleAttribute);
    if (title) {
      // Many "已学完" boxes share a page: screen readers hear which one this is.
      const hidden = document.createElement("span");
      hidden.className = names.visuallyHidden;
      hidden.textContent = say("done_of_title", { title });
      label.append(hidden);
    }
    slot.append(label);
    slot.hidden = false;
  };

  // -- Counts --------------------------------------------------------------------------

  // -- Hours: a number, or [fewest, most] for a range; ranges add as ranges ----------

  /* [fewest, most] of an item's hours, or null when they are unknown. */
  const span = (itemHours) => {
    if (typeof itemHours === "number") return [itemHours, itemHours];
    if (Array.isArray(itemHours) && itemHours.length === 2) return itemHours;
    return null;
  };

  const addSpan = (total, more) => [total[0] + more[0], total[1] + more[1]];

  /* "15" or "15–20", as the pages print them. */
  const spanText = ([low, high]) => (low === high ? String(low) : `${low}–${high}`);

  const summaryText = (state, items) => {
    let done = 0;
    let hours = [0, 0];
    let doneHours = [0, 0];
    let unknown = 0;
    items.forEach(([id, itemHours]) => {
      const finished = isDone(state, id);
      if (finished) done += 1;
      const known = span(itemHours);
      if (known) {
        hours = addSpan(hours, known);
        if (finished) doneHours = addSpan(doneHours, known);
      } else {
        unknown += 1;
      }
    });
    let text = say("summary_done", { done, total: items.length });
    if (hours[1]) text += say("summary_hours", { done: spanText(doneHours), total: spanText(hours) });
    if (unknown) text += say(hours[1] ? "summary_unknown" : "summary_all_unknown", { count: unknown });
    return text;
  };

  // -- Pace: the weeks a path takes at the reader's hours per week ---------------------

  const PACE_KEY = "llm-study-guide-pace";
  const PACE_MIN = 1;
  const PACE_MAX = 80;
  let paceMemory = null;

  /* The stored hours per week, or null: only a whole number from 1 to 80 counts. */
  const validPace = (value) => {
    const text = String(value).trim();
    if (!/^[0-9]+$/.test(text)) return null;
    const hours = Number(text);
    return hours >= PACE_MIN && hours <= PACE_MAX ? hours : null;
  };

  const readPace = () => {
    if (paceMemory !== null) return paceMemory;
    try {
      return validPace(window.localStorage.getItem(PACE_KEY) || "");
    } catch {
      return null;
    }
  };

  const writePace = (hours) => {
    try {
      window.localStorage.setItem(PACE_KEY, String(hours));
      paceMemory = null;
    } catch {
      paceMemory = hours;
    }
  };

  const paceText = (state, items, perWeek) => {
    let hours = [0, 0];
    let unknown = 0;
    let left = 0;
    items.forEach(([id, itemHours]) => {
      if (isDone(state, id)) return;
      left += 1;
      const known = span(itemHours);
      if (known) hours = addSpan(hours, known);
      else unknown += 1;
    });
    if (!left) return say("pace_done");
    if (!hours[1]) return say("pace_none");
    const rest = unknown ? say("pace_unknown", { count: unknown }) : "";
    const weeks = hours.map((h) => Math.ceil(h / perWeek));
    return say("pace_weeks", { per_week: perWeek, hours: spanText(hours), weeks: spanText(weeks), unknown: rest });
  };

  let paceCount = 0;

  const setUpPace = (box) => {
    paceCount += 1;
    const inputId = `llm-pace-input-${paceCount}`;
    const label = document.createElement("label");
    label.htmlFor = inputId;
    label.textContent = say("pace_label");
    const input = document.createElement("input");
    input.type = "number";
    input.id = inputId;
    input.min = String(PACE_MIN);
    input.max = String(PACE_MAX);
    input.step = "1";
    input.inputMode = "numeric";
    input.className = "llm-pace-input";
    const hint = document.createElement("p");
    hint.className = "llm-pace-hint";
    hint.id = `${inputId}-hint`;
    hint.textContent = say("pace_hint");
    const result = document.createElement("p");
    result.className = "llm-pace-result";
    result.setAttribute("aria-live", "polite");
    result.id = `${inputId}-result`;
    input.setAttribute("aria-describedby", `${hint.id} ${result.id}`);
    const stored = readPace();
    if (stored !== null) input.value = String(stored);
    /* Answers as the reader types (each key), refuses a bad value in place without moving the
     * focus, and stores every good one. An empty field while typing (the old number deleted,
     * the new one not yet typed) is neither answered nor refused; left empty (blur) or entered
     * empty, it is refused. */
    const commit = (typing) => {
      const empty = input.value.trim() === "" && !input.validity.badInput;
      const hours = validPace(input.value);
      if (hours === null && typing && empty) {
        input.removeAttribute("aria-invalid");
        box.classList.remove("llm-pace-refused");
        result.textContent = "";
        return;
      }
      if (hours === null) {
        input.setAttribute("aria-invalid", "true");
        box.classList.add("llm-pace-refused");
        result.textContent = say("pace_invalid");
        return;
      }
      input.removeAttribute("aria-invalid");
      box.classList.remove("llm-pace-refused");
      writePace(hours);
      refreshPaces(); // every path follows the one pace; the focused field keeps what is typed
    };
    input.addEventListener("input", () => commit(true));
    input.addEventListener("blur", () => commit(false));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") commit(false);
    });
    const row = document.createElement("p");
    row.className = "llm-pace-row";
    row.append(label, " ", input);
    box.append(row, hint, result);
    box.hidden = false;
  };

  /* A pace box follows its path's count and reads the count's items (written once). */
  const paceItems = (box) => {
    const count = box.previousElementSibling;
    if (!count || !count.matches(`.${names.summary}[${names.itemsAttribute}]`)) return null;
    try {
      return JSON.parse(count.getAttribute(names.itemsAttribute));
    } catch {
      return null;
    }
  };

  const renderPace = (box, state) => {
    const input = box.querySelector("input");
    const result = box.querySelector(".llm-pace-result");
    if (!input || !result || input.getAttribute("aria-invalid") === "true") return;
    const items = paceItems(box);
    if (!Array.isArray(items)) return;
    const perWeek = readPace();
    if (perWeek === null) {
      result.textContent = "";
      return;
    }
    if (document.activeElement !== input) input.value = String(perWeek);
    result.textContent = paceText(state, items, perWeek);
  };

  // -- 下一步 ----------------------------------------------------------------------------

  /* Ordered list of what a goal needs that is not done: requirements before what needs
   * them, in the data's order; a topic requirement (a number: its place in graph.any) is met
   * by any one of its materials. */
  const nextSteps = (graph, state, goalId) => {
    const out = [];
    const seen = new Set();
    const covered = new Set(); // ids already in the list or done: they satisfy "any of" requirements

    const visitAny = (req) => {
      // "any" lists every material on the topic, most specific first; three are shown.
      if (req.any.some((id) => isDone(state, id) || covered.has(id))) return;
      out.push({ any: req.any, topic: req.t });
      req.any.forEach((id) => covered.add(id));
    };

    const visit = (id) => {
      if (seen.has(id)) return;
      seen.add(id);
      const node = graph.nodes[id];
      if (!node) return;
      (node.r || []).forEach((req) => (typeof req === "string" ? visit(req) : visitAny(graph.any[req])));
      if (node.x) {
        // Not released: what teaches it now comes first (it is what can be studied); the
        // chapter follows, marked 未发布. Done when the chapter or one of them is marked done.
        const instead = (node.a || []).filter((alt) => graph.nodes[alt]);
        covered.add(id);
        if (isDone(state, id) || instead.some((alt) => isDone(state, alt))) return;
        if (instead.length) visit(instead[0]);
        out.push({ id, unreleased: true, instead: instead[0] });
        return;
      }
      if (!node.goal) {
        covered.add(id);
        if (!isDone(state, id)) out.push({ id });
      }
    };

    visit(goalId);
    return out;
  };

  const cardLink = (graph, id) => {
    const node = graph.nodes[id] || { t: id };
    const link = document.createElement(node.u ? "a" : "span");
    if (node.u) link.href = node.u;
    link.textContent = node.t;
    return link;
  };

  const graphs = new WeakMap(); // the 下一步 container -> its graph

  const renderNext = (container, state) => {
    const graph = graphs.get(container);
    const select = container.querySelector("select");
    const list = container.querySelector("ol");
    const status = container.querySelector(`.${names.nextStatus}`);
    const goal = select.value;
    try {
      window.localStorage.setItem(GOAL_KEY, goal);
    } catch {
      /* the goal is a convenience; nothing to do without storage */
    }
    list.textContent = "";
    const steps = nextSteps(graph, state, goal);
    let hours = [0, 0];
    let unknown = 0;
    steps.forEach((step) => {
      const li = document.createElement("li");
      if (step.unreleased) {
        li.className = "llm-next-unreleased";
        const mark = document.createElement("span");
        mark.className = `${names.status} ${names.statusUnreleased}`;
        mark.textContent = say("unreleased");
        li.append(cardLink(graph, step.id), " ", mark);
        if (step.instead) {
          li.append(say("unreleased_instead"), cardLink(graph, step.instead), say("close_paren"));
        } else {
          li.append(say("unreleased_none"));
        }
      } else if (step.id) {
        li.append(cardLink(graph, step.id));
        const h = span(graph.nodes[step.id] && graph.nodes[step.id].h);
        if (h) {
          hours = addSpan(hours, h);
          li.append(say("step_hours", { hours: spanText(h) }));
        } else {
          unknown += 1;
        }
      } else {
        unknown += 1;
        li.append(say("any_of", { topic: step.topic }));
        step.any.slice(0, 3).forEach((id, n) => {
          if (n) li.append(say("any_sep"));
          li.append(cardLink(graph, id));
        });
        if (step.any.length > 3) li.append(say("any_more", { count: step.any.length - 3 }));
      }
      list.append(li);
    });
    list.hidden = steps.length === 0;
    const unreleased = steps.filter((step) => step.unreleased).length;
    if (!steps.length) {
      status.textContent = say("next_none");
    } else {
      let text = say("next_count", { count: steps.length - unreleased });
      if (hours[1]) text += say("next_hours", { hours: spanText(hours) });
      if (unknown) text += say(hours[1] ? "summary_unknown" : "summary_all_unknown", { count: unknown });
      if (unreleased) text += say("next_unreleased", { count: unreleased });
      status.textContent = text;
    }
  };

  /* A goal as the select names it: a path as a whole, an unreleased chapter marked so. */
  const goalText = (graph, id) => {
    const node = graph.nodes[id] || { t: id };
    if (node.goal) return say("next_whole_path", { title: node.t });
    return node.x ? say("next_goal_unreleased", { title: node.t }) : node.t;
  };

  /* The goals, by group: each path (as a whole, then its steps), then the rest. */
  const fillGoals = (select, graph) => {
    (graph.goals || []).forEach(([label, ids]) => {
      const group = document.createElement("optgroup");
      group.label = label;
      ids.forEach((id) => group.append(new Option(goalText(graph, id), id)));
      select.append(group);
    });
  };

  const setUpNext = (container) => {
    const data = container.querySelector(`.${names.nextData}`);
    let graph;
    try {
      graph = JSON.parse(data.textContent);
    } catch {
      return;
    }
    graphs.set(container, graph);
    const select = container.querySelector("select");
    fillGoals(select, graph);
    let saved = null;
    try {
      saved = window.localStorage.getItem(GOAL_KEY);
    } catch {
      /* without storage there is no saved goal */
    }
    if (saved && [...select.options].some((option) => option.value === saved)) select.value = saved;
    select.addEventListener("change", () => renderNext(container, readState()));
    container.hidden = false;
  };

  // -- Export and import ---------------------------------------------------------------

  const setMessage = (tools, key, values, isError) => {
    const message = tools.querySelector(`.${names.message}`);
    message.textContent = say(key, values);
    message.classList.toggle("llm-progress-error", Boolean(isError));
  };

  const exportProgress = (tools) => {
    const state = readState();
    const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), done: state.done };
    const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `llm-study-progress-${today()}.json`;
    document.body.append(link);
    link.click();
    window.setTimeout(() => {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
    setMessage(tools, "exported", { count: Object.keys(state.done).length }, false);
  };

  const importProgress = (tools, file) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage(tools, "import_refused", { why: say("import_too_big") }, true);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      let parsed;
      try {
        parsed = JSON.parse(String(reader.result));
      } catch {
        setMessage(tools, "import_refused", { why: say("import_not_json") }, true);
        return;
      }
      const checked = validState(parsed);
      if (!checked.ok) {
        setMessage(tools, "import_refused", { why: say(checked.why, { id: checked.id }) }, true);
        return;
      }
      writeState(checked.state);
      refresh();
      setMessage(tools, "imported", { count: Object.keys(checked.state.done).length }, false);
    };
    reader.onerror = () => setMessage(tools, "import_refused", { why: say("import_unreadable") }, true);
    reader.readAsText(file);
  };

  const setUpTools = (tools) => {
    const input = tools.querySelector("input[type=file]");
    tools.querySelector(`.${names.exportButton}`).addEventListener("click", () => exportProgress(tools));
    tools.querySelector(`.${names.importButton}`).addEventListener("click", () => input.click());
    input.addEventListener("change", () => {
      importProgress(tools, input.files && input.files[0]);
      input.value = "";
    });
    tools.hidden = false;
  };

  // -- Page ----------------------------------------------------------------------------

  const refreshPaces = (state = readState()) => {
    document.querySelectorAll(`.${names.pace}`).forEach((box) => renderPace(box, state));
  };

  const refresh = () => {
    const state = readState();
    document.querySelectorAll(`input[type=checkbox][${names.idAttribute}]`).forEach((box) => {
      box.checked = isDone(state, box.getAttribute(names.idAttribute));
      const item = box.closest(`.${names.item}`);
      if (item) item.classList.toggle("llm-is-done", box.checked);
    });
    document.querySelectorAll(`.${names.summary}[${names.itemsAttribute}]`).forEach((summary) => {
      let items;
      try {
        items = JSON.parse(summary.getAttribute(names.itemsAttribute));
      } catch {
        return;
      }
      summary.textContent = summaryText(state, items);
      summary.hidden = false;
    });
    document.querySelectorAll(`.${names.next}`).forEach((container) => {
      if (graphs.has(container)) renderNext(container, state);
    });
    refreshPaces(state);
  };

  const start = () => {
    const config = document.getElementById(CONFIG_ID);
    if (!config) return;
    try {
      const parsed = JSON.parse(config.textContent);
      words = parsed.words.progress || {};
      names = parsed.names.progress;
      ID = new RegExp(parsed.progressIdPattern);
    } catch {
      return;
    }
    if (!names) return;
    document.querySelectorAll(`.${names.slot}[${names.idAttribute}]`).forEach(makeCheckbox);
    document.querySelectorAll(`.${names.tools}`).forEach(setUpTools);
    document.querySelectorAll(`.${names.next}`).forEach(setUpNext);
    document.querySelectorAll(`.${names.pace}`).forEach((box) => {
      if (Array.isArray(paceItems(box))) setUpPace(box);
    });
    refresh();
    window.addEventListener("storage", (event) => {
      if (event.key === KEY || event.key === PACE_KEY) refresh();
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
