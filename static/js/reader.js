// Reader workbench: select items (click, j/k), review them in the inspector panel with fetch() and keyboard
// shortcuts, correct speakers with an autocomplete, add missed items from a text selection.
// Progressive enhancement: every form also works as a plain POST; this script only makes it faster.
(function () {
  "use strict";
  var text = document.getElementById("reader-text");
  if (!text) return;
  var slot = document.getElementById("inspector-slot");
  var items = Array.prototype.slice.call(document.querySelectorAll(".side-panel .item"));
  var panelBase = text.dataset.panelBase;
  var current = -1;
  var loading = Promise.resolve();
  var help = document.getElementById("shortcuts");
  var toast = makeToast();
  var narrow = window.matchMedia("(max-width: 960px)");
  if (location.hash === "#inspector" && !narrow.matches) {
    // the side panel is sticky beside the text on wide screens: keep the article's head in view
    history.replaceState(null, "", location.pathname + location.search);
    window.scrollTo(0, 0);
  }

  function makeToast() {
    var el = document.createElement("div");
    el.className = "toast";
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    el.hidden = true;
    document.body.appendChild(el);
    var timer;
    return function (message, kind) {
      el.textContent = message;
      el.className = "toast toast-" + (kind || "ok");
      el.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(function () { el.hidden = true; }, kind === "error" ? 8000 : 3500);
    };
  }

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function spansFor(type, id) {
    return text.querySelectorAll('.hl[data-type="' + type + '"][data-id="' + id + '"]');
  }

  function itemUrl(type, id) {
    return panelBase + type + "/" + id + "/";
  }

  function inspector() { return document.getElementById("inspector"); }

  function markActive(index, scrollText) {
    document.querySelectorAll(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
    current = index;
    var item = items[index];
    item.classList.add("is-active");
    var spans = spansFor(item.dataset.type, item.dataset.id);
    spans.forEach(function (el) { el.classList.add("is-active"); });
    if (scrollText && spans.length) spans[0].scrollIntoView({ block: scrollText === "nearest" ? "nearest" : "center" });
    var panel = document.querySelector(".side-panel");
    if (panel && !narrow.matches) panel.scrollTop = 0;  // the inspector sits at the top of the panel
  }

  function select(index, scrollText) {
    if (index < 0 || index >= items.length) return loading;
    markActive(index, scrollText);
    var item = items[index];
    var key = item.dataset.type + "-" + item.dataset.id;
    history.replaceState(null, "", "?item=" + key);
    var insp = inspector();
    if (insp && insp.dataset.type === item.dataset.type && insp.dataset.id === item.dataset.id) return loading;
    slot.setAttribute("aria-busy", "true");
    loading = fetch(itemUrl(item.dataset.type, item.dataset.id), {
      headers: { "X-Fragment": "panel" }, credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("Could not load the item (HTTP " + response.status + ").");
      return response.text();
    }).then(function (html) {
      if (items[current] !== item) return;  // the reviewer moved on meanwhile
      slot.innerHTML = html;
      slot.removeAttribute("aria-busy");
    }).catch(function (err) { toast(err.message, "error"); });
    return loading;
  }

  function indexOf(type, id) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].dataset.type === type && items[i].dataset.id === String(id)) return i;
    }
    return -1;
  }

  // --- apply an action's result to the list and the text ------------------------------------------

  function applyResult(data) {
    var index = indexOf(data.type, data.id);
    if (index < 0) return;
    var item = items[index];
    item.className = item.className.replace(/\bst-\S+/g, "") + " st-" + data.status;
    item.dataset.status = data.status;
    item.dataset.version = data.version;
    var badge = item.querySelector(".badge");
    if (badge) { badge.className = "badge review-" + data.status; badge.textContent = data.status_label; }
    var spans = spansFor(data.type, data.id);
    spans.forEach(function (el) {
      el.className = el.className.replace(/\bst-\S+/g, "") + " st-" + data.status;
      el.dataset.status = data.status;
    });
    if (data.type === "quote" && data.label) {
      var speaker = item.querySelector(".speaker");
      if (speaker) speaker.textContent = data.label;
      var last = spans[spans.length - 1];
      var tag = last && last.nextElementSibling;
      if (tag && tag.classList.contains("hl-label")) { tag.textContent = data.label; tag.classList.remove("hl-label-none"); }
    }
  }

  function submitAction(form, submitter) {
    var body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (b) { b.disabled = true; });
    return fetch(form.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf() }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; },
        function () { return { status: response.status, data: { ok: false, error: "The server answered HTTP " + response.status + "." } }; });
    }).then(function (res) {
      var data = res.data;
      if (data.panel) slot.innerHTML = data.panel;
      if (data.ok) {
        if (data.redirect) { window.location.assign(data.redirect); return; }
        if (data.reload) { window.location.reload(); return; }
        applyResult(data);
        toast(data.message, "ok");
        var insp = inspector();
        if (insp && form.dataset.action !== "status") insp.focus({ preventScroll: true });
      } else if (res.status === 409) {
        toast(data.error, "error");
        var conflict = document.getElementById("conflict");
        if (conflict) { conflict.setAttribute("tabindex", "-1"); conflict.focus(); }
      } else {
        toast(data.error || "That did not work.", "error");
      }
    }).catch(function () {
      toast("Network error: nothing was saved. Check the connection and try again.", "error");
    }).finally(function () {
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("js-action")) {
      event.preventDefault();
      submitAction(form, event.submitter);
    } else if (form.id === "add-item") {
      event.preventDefault();
      submitAction(form, event.submitter);
    }
  });

  // --- selecting items with the mouse -------------------------------------------------------------

  text.addEventListener("click", function (event) {
    var span = event.target.closest(".hl");
    if (!span || !window.getSelection().isCollapsed) return;
    var index = indexOf(span.dataset.type, span.dataset.id);
    if (index < 0) return;
    select(index, false).then(function () {
      // on phones the panel sits below the text: bring it into view
      var insp = inspector();
      if (narrow.matches && insp) insp.scrollIntoView({ block: "start" });
    });
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function (event) {
      if (event.target.closest("a.admin-link")) return;
      if (event.target.closest("a.item-text")) event.preventDefault();
      select(index, true);
    });
  });

  // --- speaker autocomplete -----------------------------------------------------------------------

  var lookupTimer = null;
  function comboParts(input) {
    var form = input.form;
    return { list: document.getElementById(input.getAttribute("aria-controls")), hidden: form.querySelector(".js-speaker-id") };
  }
  function closeCombo(input) {
    var parts = comboParts(input);
    parts.list.hidden = true;
    parts.list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function pick(input, option) {
    var parts = comboParts(input);
    input.value = option.dataset.name;
    parts.hidden.value = option.dataset.id || "";
    closeCombo(input);
    input.focus();
  }
  function showOptions(input, results) {
    var parts = comboParts(input);
    var list = parts.list;
    list.innerHTML = "";
    var typed = input.value.trim();
    var exact = false;
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "speaker-opt-" + i;
      li.dataset.id = r.id;
      li.dataset.name = r.name;
      var name = document.createElement("span");
      name.className = "opt-name";
      name.textContent = r.name;
      li.appendChild(name);
      if (r.description || r.kind) {
        var desc = document.createElement("span");
        desc.className = "opt-desc";
        desc.textContent = r.description || r.kind;
        li.appendChild(desc);
      }
      if (r.name.toLowerCase() === typed.toLowerCase()) exact = true;
      list.appendChild(li);
    });
    if (typed && !exact) {
      var create = document.createElement("li");
      create.setAttribute("role", "option");
      create.id = "speaker-opt-new";
      create.dataset.name = typed;
      create.className = "opt-create";
      create.textContent = "Create new speaker “" + typed + "”";
      list.appendChild(create);
    }
    list.hidden = !list.children.length;
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
    if (!list.hidden) moveActive(input, 0);
  }
  function moveActive(input, delta, absolute) {
    var list = comboParts(input).list;
    var options = Array.prototype.slice.call(list.children);
    if (!options.length) return;
    var active = list.querySelector('[aria-selected="true"]');
    var index = active ? options.indexOf(active) : -1;
    index = absolute !== undefined ? absolute : Math.max(0, Math.min(options.length - 1, index + delta));
    if (active) active.removeAttribute("aria-selected");
    if (delta === 0 && absolute === undefined) index = 0;
    options[index].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.id !== "speaker-input") return;
    comboParts(input).hidden.value = "";
    clearTimeout(lookupTimer);
    var q = input.value.trim();
    if (!q) { closeCombo(input); return; }
    lookupTimer = setTimeout(function () {
      fetch(input.dataset.lookup + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (input.value.trim() === q) showOptions(input, data.results || []); })
        .catch(function () {});
    }, 120);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (input.id !== "speaker-input") return;
    var list = comboParts(input).list;
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); moveActive(input, 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); moveActive(input, -1); }
    else if (event.key === "Enter") {
      var active = list.querySelector('[aria-selected="true"]');
      if (active) { event.preventDefault(); pick(input, active); }
    } else if (event.key === "Escape") { event.stopPropagation(); closeCombo(input); }
  }, true);

  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest(".combo-list [role=option]");
    if (!option) return;
    event.preventDefault();
    pick(document.getElementById("speaker-input"), option);
  });

  // --- adding a missed item from a text selection -------------------------------------------------

  var toolbar = document.getElementById("add-toolbar");
  var addStart = document.getElementById("add-start");
  var addEnd = document.getElementById("add-end");
  var preview = document.getElementById("add-preview");
  var selection = null;

  function plainText(fragment) {
    fragment.querySelectorAll(".hl-label").forEach(function (el) { el.remove(); });
    fragment.querySelectorAll("br").forEach(function (el) { el.replaceWith("\n"); });
    return fragment.textContent;
  }

  function offsetOf(node, offset) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    var p = el && el.closest("#reader-text p[data-start]");
    if (!p || (el.closest(".hl-label"))) return null;
    var range = document.createRange();
    range.setStart(p, 0);
    range.setEnd(node, offset);
    return parseInt(p.dataset.start, 10) + plainText(range.cloneContents()).length;
  }

  function readSelection() {
    var sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    var chosen = plainText(range.cloneContents());
    var lead = chosen.length - chosen.replace(/^\s+/, "").length;
    var trail = chosen.length - chosen.replace(/\s+$/, "").length;
    start += lead; end -= trail;
    if (end <= start) return null;
    return { start: start, end: end, text: chosen.trim() };
  }

  document.addEventListener("selectionchange", function () {
    var found = readSelection();
    if (found) {
      selection = found;
      addStart.value = found.start;
      addEnd.value = found.end;
      preview.textContent = "“" + (found.text.length > 80 ? found.text.slice(0, 80) + "…" : found.text) + "” (" + found.start + "–" + found.end + ")";
      toolbar.hidden = false;
    } else if (!toolbar.contains(document.activeElement)) {
      toolbar.hidden = true;
    }
  });

  function addSelection(kind) {
    if (!selection) { toast("Select some text in the article first.", "error"); return; }
    var form = document.getElementById("add-item");
    addStart.value = selection.start;
    addEnd.value = selection.end;
    var button = toolbar.querySelector('button[value="' + kind + '"]');
    submitAction(form, button);
  }

  function moveSpanToSelection() {
    var insp = inspector();
    var form = insp && insp.querySelector('form[data-action="span"]');
    if (!form || !selection) { toast("Select an item, then select the text its span should cover.", "error"); return; }
    form.querySelector("[name=start]").value = selection.start;
    form.querySelector("[name=end]").value = selection.end;
    submitAction(form, null);
  }

  // --- keyboard shortcuts -------------------------------------------------------------------------

  function toggleHelp(show) {
    if (!help) return;
    help.hidden = !show;
    if (show) help.querySelector(".js-close-help").focus();
  }
  document.querySelectorAll(".js-help").forEach(function (b) { b.addEventListener("click", function () { toggleHelp(true); }); });
  if (help) {
    help.querySelector(".js-close-help").addEventListener("click", function () { toggleHelp(false); });
    help.addEventListener("click", function (event) { if (event.target === help) toggleHelp(false); });
  }

  function pressStatus(key) {
    loading.then(function () {
      var insp = inspector();
      if (!insp || !insp.dataset.id) { toast("Select an item first (j / k).", "error"); return; }
      var button = insp.querySelector('.status-actions button[data-key="' + key + '"]');
      if (!button) { toast("This item is " + insp.dataset.status.replace("_", " ") + "; only an editor can reopen it.", "error"); return; }
      submitAction(button.form, button);
    });
  }

  function focusField(id, what) {
    loading.then(function () {
      var field = document.getElementById(id);
      if (!field) { toast(what, "error"); return; }
      var details = field.closest("details");
      if (details) details.open = true;
      field.focus();
      field.scrollIntoView({ block: "nearest" });
    });
  }

  function focusVerdict() {
    loading.then(function () {
      var radio = document.querySelector("#verdict-form input:checked") || document.querySelector("#verdict-form input[type=radio]");
      if (!radio) { toast("Verdicts belong to claims; select a claim first.", "error"); return; }
      radio.focus();
      radio.scrollIntoView({ block: "nearest" });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (help && !help.hidden) { toggleHelp(false); return; }
      if (event.target.closest("input, textarea, select")) { event.target.blur(); var i = inspector(); if (i) i.focus(); }
      return;
    }
    if (help && !help.hidden) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key;
    var handled = true;
    if (key === "j") select(Math.min(current + 1, items.length - 1), true);
    else if (key === "k") select(Math.max(current - 1, 0), true);
    else if (key === "v") pressStatus("v");
    else if (key === "r") pressStatus("r");
    else if (key === "n") pressStatus("n");
    else if (key === "s") focusField("speaker-input", "Only quotes have a speaker; select a quote first.");
    else if (key === "e") focusField("evidence-url", "Evidence belongs to claims; select a claim first.");
    else if (key === "d") focusVerdict();
    else if (key === "a") addSelection("quote");
    else if (key === "c") addSelection("claim");
    else if (key === "m") moveSpanToSelection();
    else if (key === "?") toggleHelp(true);
    else handled = false;
    if (handled) event.preventDefault();
  });

  // --- start: the server may already have rendered a selected item -------------------------------
  var initial = text.dataset.selected;
  if (initial) {
    var parts = initial.split("-");
    var index = indexOf(parts[0], parts[1]);
    if (index >= 0) markActive(index, "nearest");
  }
})();
