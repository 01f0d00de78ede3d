/* Study progress (已学完), kept only in this browser's localStorage, keyed by record id.
 *
 * The page carries no checkboxes: this script turns the empty, hidden markers the HTML
 * post-transform wrote (data-llm-* attributes) into checkboxes, counts and the "下一步"
 * list, so without JavaScript nothing of this shows. Every word comes from the page
 * (#llm-progress-config, written from labels.py). No network, works from file://.
 */
(function () {
  "use strict";

  var KEY = "llm-study-guide-progress";
  var GOAL_KEY = "llm-study-guide-goal";
  var FORMAT = "llm-study-guide-progress";
  var VERSION = 1;
  var MAX_IMPORT_BYTES = 1024 * 1024;
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[0-9]+)?$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  var words = {};
  var memory = null; // used when localStorage is unavailable (e.g. storage disabled)

  function say(key, values) {
    var text = words[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // -- State ---------------------------------------------------------------------------

  function emptyState() {
    return { format: FORMAT, version: VERSION, done: {} };
  }

  function readState() {
    if (memory) return memory;
    try {
      var raw = window.localStorage.getItem(KEY);
      var parsed = raw ? JSON.parse(raw) : null;
      var checked = parsed && validState(parsed);
      if (checked && checked.ok) return checked.state;
    } catch (e) {
      /* unreadable storage counts as no progress */
    }
    return emptyState();
  }

  function writeState(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
      memory = null;
    } catch (e) {
      memory = state;
    }
  }

  /* A progress file or stored value: {format, version, done: {id: "YYYY-MM-DD"}}. */
  function validState(value) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, why: "import_not_object" };
    if (value.format !== FORMAT) return { ok: false, why: "import_foreign" };
    if (value.version !== VERSION) return { ok: false, why: "import_version" };
    var done = value.done;
    if (!done || typeof done !== "object" || Array.isArray(done)) return { ok: false, why: "import_no_done" };
    var clean = {};
    var ids = Object.keys(done);
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      if (!ID.test(id) || typeof done[id] !== "string" || !DATE.test(done[id])) {
        return { ok: false, why: "import_bad_entry", id: id };
      }
      clean[id] = done[id];
    }
    return { ok: true, state: { format: FORMAT, version: VERSION, done: clean } };
  }

  function isDone(state, id) {
    return Object.prototype.hasOwnProperty.call(state.done, id);
  }

  function setDone(id, done) {
    var state = readState();
    if (done) state.done[id] = state.done[id] || today();
    else delete state.done[id];
    writeState(state);
    refresh();
  }

  // -- Checkboxes ----------------------------------------------------------------------

  function makeCheckbox(slot) {
    var id = slot.getAttribute("data-llm-progress");
    var label = document.createElement("label");
    label.className = "llm-done";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("data-llm-progress", id);
    box.addEventListener("change", function () {
      setDone(id, box.checked);
    });
    var text = document.createElement("span");
    text.textContent = say("done");
    label.appendChild(box);
    label.appendChild(text);
    var title = slot.getAttribute("data-llm-title");
    if (title) {
      // Many "已学完" boxes share a page: screen readers hear which one this is.
      var hidden = document.createElement("span");
      hidden.className = "llm-visually-hidden";
      hidden.textContent = say("done_of_title", { title: title });
      label.appendChild(hidden);
    }
    slot.appendChild(label);
    slot.hidden = false;
  }

  // -- Counts --------------------------------------------------------------------------

  function summaryText(state, items) {
    var done = 0;
    var hours = 0;
    var doneHours = 0;
    var unknown = 0;
    items.forEach(function (item) {
      var finished = isDone(state, item[0]);
      if (finished) done += 1;
      if (typeof item[1] === "number") {
        hours += item[1];
        if (finished) doneHours += item[1];
      } else {
        unknown += 1;
      }
    });
    var text = say("summary_done", { done: done, total: items.length });
    if (hours) text += say("summary_hours", { done: doneHours, total: hours });
    if (unknown) text += say(hours ? "summary_unknown" : "summary_all_unknown", { count: unknown });
    return text;
  }

  // -- 下一步 ----------------------------------------------------------------------------

  /* Ordered list of what a goal needs that is not done: requirements before what needs
   * them, in the data's order; a topic requirement is met by any one of its materials. */
  function nextSteps(graph, state, goalId) {
    var out = [];
    var seen = {};
    var covered = {}; // ids already in the list or done: they satisfy "any of" requirements

    function visit(id) {
      if (seen[id]) return;
      seen[id] = true;
      var node = graph.nodes[id];
      if (!node) return;
      (node.r || []).forEach(function (req) {
        if (typeof req === "string") visit(req);
        else visitAny(req);
      });
      if (!node.goal) {
        covered[id] = true;
        if (!isDone(state, id)) out.push({ id: id });
      }
    }

    function visitAny(req) {
      // "any" lists every material on the topic, most specific first; three are shown.
      var met = req.any.some(function (id) {
        return isDone(state, id) || covered[id];
      });
      if (met) return;
      out.push({ any: req.any, topic: req.t });
      req.any.forEach(function (id) {
        covered[id] = true;
      });
    }

    visit(goalId);
    return out;
  }

  function cardLink(graph, id) {
    var node = graph.nodes[id] || { t: id };
    var a = document.createElement(node.u ? "a" : "span");
    if (node.u) a.href = node.u;
    a.textContent = node.t;
    return a;
  }

  function renderNext(container, state) {
    var graph = container._llmGraph;
    var select = container.querySelector("select");
    var list = container.querySelector("ol");
    var status = container.querySelector(".llm-next-status");
    var goal = select.value;
    try {
      window.localStorage.setItem(GOAL_KEY, goal);
    } catch (e) {
      /* the goal is a convenience; nothing to do without storage */
    }
    list.textContent = "";
    var steps = nextSteps(graph, state, goal);
    var hours = 0;
    var unknown = 0;
    steps.forEach(function (step) {
      var li = document.createElement("li");
      if (step.id) {
        li.appendChild(cardLink(graph, step.id));
        var h = graph.nodes[step.id] && graph.nodes[step.id].h;
        if (typeof h === "number") {
          hours += h;
          li.appendChild(document.createTextNode(say("step_hours", { hours: h })));
        } else {
          unknown += 1;
        }
      } else {
        unknown += 1;
        li.appendChild(document.createTextNode(say("any_of", { topic: step.topic })));
        step.any.slice(0, 3).forEach(function (id, n) {
          if (n) li.appendChild(document.createTextNode(say("any_sep")));
          li.appendChild(cardLink(graph, id));
        });
        if (step.any.length > 3) li.appendChild(document.createTextNode(say("any_more", { count: step.any.length - 3 })));
      }
      list.appendChild(li);
    });
    list.hidden = steps.length === 0;
    if (!steps.length) status.textContent = say("next_none");
    else {
      var text = say("next_count", { count: steps.length });
      if (hours) text += say("next_hours", { hours: hours });
      if (unknown) text += say(hours ? "summary_unknown" : "summary_all_unknown", { count: unknown });
      status.textContent = text;
    }
  }

  function setUpNext(container) {
    var graph;
    try {
      graph = JSON.parse(container.getAttribute("data-llm-graph"));
    } catch (e) {
      return;
    }
    container._llmGraph = graph;
    var select = container.querySelector("select");
    var saved = null;
    try {
      saved = window.localStorage.getItem(GOAL_KEY);
    } catch (e) {
      saved = null;
    }
    if (saved && graph.nodes[saved]) select.value = saved;
    select.addEventListener("change", function () {
      renderNext(container, readState());
    });
    container.hidden = false;
  }

  // -- Export and import ---------------------------------------------------------------

  function setMessage(tools, key, values, isError) {
    var message = tools.querySelector(".llm-progress-message");
    message.textContent = say(key, values);
    message.classList.toggle("llm-progress-error", !!isError);
  }

  function exportProgress(tools) {
    var state = readState();
    var data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), done: state.done };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "llm-study-progress-" + today() + ".json";
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
    setMessage(tools, "exported", { count: Object.keys(state.done).length }, false);
  }

  function importProgress(tools, file) {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage(tools, "import_refused", { why: say("import_too_big") }, true);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var parsed;
      try {
        parsed = JSON.parse(String(reader.result));
      } catch (e) {
        setMessage(tools, "import_refused", { why: say("import_not_json") }, true);
        return;
      }
      var checked = validState(parsed);
      if (!checked.ok) {
        setMessage(tools, "import_refused", { why: say(checked.why, { id: checked.id }) }, true);
        return;
      }
      writeState(checked.state);
      refresh();
      setMessage(tools, "imported", { count: Object.keys(checked.state.done).length }, false);
    };
    reader.onerror = function () {
      setMessage(tools, "import_refused", { why: say("import_unreadable") }, true);
    };
    reader.readAsText(file);
  }

  function setUpTools(tools) {
    var exportButton = tools.querySelector(".llm-progress-export");
    var importButton = tools.querySelector(".llm-progress-import");
    var input = tools.querySelector("input[type=file]");
    exportButton.addEventListener("click", function () {
      exportProgress(tools);
    });
    importButton.addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", function () {
      importProgress(tools, input.files && input.files[0]);
      input.value = "";
    });
    tools.hidden = false;
  }

  // -- Page ----------------------------------------------------------------------------

  function refresh() {
    var state = readState();
    document.querySelectorAll("input[type=checkbox][data-llm-progress]").forEach(function (box) {
      box.checked = isDone(state, box.getAttribute("data-llm-progress"));
      var item = box.closest(".llm-progress-item");
      if (item) item.classList.toggle("llm-is-done", box.checked);
    });
    document.querySelectorAll(".llm-progress-summary[data-llm-items]").forEach(function (summary) {
      var items;
      try {
        items = JSON.parse(summary.getAttribute("data-llm-items"));
      } catch (e) {
        return;
      }
      summary.textContent = summaryText(state, items);
      summary.hidden = false;
    });
    document.querySelectorAll(".llm-next").forEach(function (container) {
      if (container._llmGraph) renderNext(container, state);
    });
  }

  function start() {
    var config = document.getElementById("llm-progress-config");
    if (!config) return;
    try {
      words = JSON.parse(config.getAttribute("data-llm-words")) || {};
    } catch (e) {
      return;
    }
    document.querySelectorAll(".llm-progress-slot[data-llm-progress]").forEach(makeCheckbox);
    document.querySelectorAll(".llm-progress-tools").forEach(setUpTools);
    document.querySelectorAll(".llm-next[data-llm-graph]").forEach(setUpNext);
    refresh();
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) refresh();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
