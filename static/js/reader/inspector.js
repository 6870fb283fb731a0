// The side panel and the inspector: select an item (click, j/k), load its inspector with fetch(), submit its
// review forms with fetch() and apply the answer to the list and the highlighted text. After a decision
// (v / r / n) the reader moves on to the next pending item unless the reviewer turned that off, and offers
// to undo the decision (the toast's Undo button, or u).
// Every form also works as a plain POST; this only makes it faster.

function csrf() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

export function createInspector({ text, slot, toast, narrow }) {
  const items = Array.from(document.querySelectorAll(".side-panel .item"));
  const panelBase = text.dataset.panelBase;
  const state = { current: -1, loading: Promise.resolve(), advance: text.dataset.advance === "1", lastDecision: null };

  const spansFor = (type, id) => text.querySelectorAll(`.hl[data-type="${type}"][data-id="${id}"]`);
  const inspector = () => document.getElementById("inspector");
  const indexOf = (type, id) => items.findIndex((it) => it.dataset.type === type && it.dataset.id === String(id));

  function markActive(index, scrollText) {
    document.querySelectorAll(".is-active").forEach((el) => el.classList.remove("is-active"));
    state.current = index;
    const item = items[index];
    item.classList.add("is-active");
    const spans = spansFor(item.dataset.type, item.dataset.id);
    spans.forEach((el) => el.classList.add("is-active"));
    if (scrollText && spans.length) spans[0].scrollIntoView({ block: scrollText === "nearest" ? "nearest" : "center" });
    const panel = document.querySelector(".side-panel");
    if (panel && !narrow.matches) panel.scrollTop = 0; // the inspector sits at the top of the panel
  }

  function select(index, scrollText) {
    if (index < 0 || index >= items.length) return state.loading;
    markActive(index, scrollText);
    const item = items[index];
    history.replaceState(null, "", `?item=${item.dataset.type}-${item.dataset.id}`);
    const insp = inspector();
    if (insp && insp.dataset.type === item.dataset.type && insp.dataset.id === item.dataset.id) return state.loading;
    slot.setAttribute("aria-busy", "true");
    state.loading = fetch(`${panelBase}${item.dataset.type}/${item.dataset.id}/`, {
      headers: { "X-Fragment": "panel" }, credentials: "same-origin",
    }).then((response) => {
      if (!response.ok) throw new Error(`Could not load the item (HTTP ${response.status}).`);
      return response.text();
    }).then((html) => {
      if (items[state.current] !== item) return; // the reviewer moved on meanwhile
      slot.innerHTML = html;
      slot.removeAttribute("aria-busy");
    }).catch((err) => toast(err.message, "error"));
    return state.loading;
  }

  /** The next item still pending after `index`, wrapping around; -1 when every item has a decision. */
  function nextPending(index) {
    for (let step = 1; step <= items.length; step += 1) {
      const candidate = (index + step) % items.length;
      if (candidate !== index && items[candidate].dataset.status === "pending") return candidate;
    }
    return -1;
  }

  function applyResult(data) {
    const index = indexOf(data.type, data.id);
    if (index < 0) return;
    const item = items[index];
    item.className = item.className.replace(/\bst-\S+/g, "") + " st-" + data.status;
    item.dataset.status = data.status;
    item.dataset.version = data.version;
    const badge = item.querySelector(".badge");
    if (badge) { badge.className = "badge review-" + data.status; badge.textContent = data.status_label; }
    const spans = spansFor(data.type, data.id);
    spans.forEach((el) => {
      el.className = el.className.replace(/\bst-\S+/g, "") + " st-" + data.status;
      el.dataset.status = data.status;
    });
    if (data.type === "quote" && data.label) {
      const speaker = item.querySelector(".speaker");
      if (speaker) speaker.textContent = data.label;
      const last = spans[spans.length - 1];
      const tag = last && last.nextElementSibling;
      if (tag && tag.classList.contains("hl-label")) {
        tag.textContent = data.label;
        tag.classList.toggle("hl-label-none", data.label === "Unattributed");
      }
    }
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() },
    }).then((response) => response.json().then(
      (data) => ({ status: response.status, data }),
      () => ({ status: response.status, data: { ok: false, error: `The server answered HTTP ${response.status}.` } }),
    ));
  }

  function undo(decision) {
    const body = new FormData();
    body.append("version", decision.version);
    return post(`${panelBase}${decision.type}/${decision.id}/undo/`, body).then(({ data }) => {
      state.lastDecision = null;
      if (!data.ok) { toast(data.error || "Could not undo.", "error"); return; }
      applyResult(data);
      const index = indexOf(data.type, data.id);
      if (index >= 0) markActive(index, true);
      history.replaceState(null, "", `?item=${data.type}-${data.id}`);
      if (data.panel) slot.innerHTML = data.panel;
      toast(data.message, "ok");
    }).catch(() => toast("Network error: nothing was undone.", "error"));
  }

  function afterDecision(data) {
    state.lastDecision = { type: data.type, id: data.id, version: data.version };
    const decision = state.lastDecision;
    toast(data.message, "ok", data.undo_until ? { label: "Undo", run: () => undo(decision) } : null);
    if (!state.advance) return;
    const from = indexOf(data.type, data.id);
    const next = nextPending(from);
    if (next >= 0) select(next, true);
    else toast(`${data.message} Every item in this article has a decision.`, "ok",
      data.undo_until ? { label: "Undo", run: () => undo(decision) } : null);
  }

  function submitAction(form, submitter) {
    const body = new FormData(form);
    if (submitter && submitter.name) body.append(submitter.name, submitter.value);
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    return post(form.action, body).then(({ status, data }) => {
      if (data.panel) slot.innerHTML = data.panel;
      if (data.ok) {
        if (data.redirect) { window.location.assign(data.redirect); return; }
        if (data.reload) { window.location.reload(); return; }
        applyResult(data);
        if (data.decision) { afterDecision(data); return; }
        if (data.action === "undo") state.lastDecision = null;
        toast(data.message, "ok");
        const insp = inspector();
        if (insp && form.dataset.action !== "status") insp.focus({ preventScroll: true });
      } else {
        if (data.item) applyResult(data.item); // a conflict or a refusal: show the item as it is now
        toast(data.error || "That did not work.", "error");
        const alert = document.getElementById("conflict") || document.getElementById("speaker-unknown");
        if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
      }
    }).catch(() => {
      toast("Network error: nothing was saved. Check the connection and try again.", "error");
    }).finally(() => {
      buttons.forEach((b) => { b.disabled = false; });
    });
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.classList.contains("js-action") || form.id === "add-item") {
      event.preventDefault();
      submitAction(form, event.submitter);
    }
  });

  text.addEventListener("click", (event) => {
    const span = event.target.closest(".hl");
    if (!span || !window.getSelection().isCollapsed) return;
    const index = indexOf(span.dataset.type, span.dataset.id);
    if (index < 0) return;
    select(index, false).then(() => {
      const insp = inspector(); // on phones the panel sits below the text: bring it into view
      if (narrow.matches && insp) insp.scrollIntoView({ block: "start" });
    });
  });

  items.forEach((item, index) => {
    item.addEventListener("click", (event) => {
      if (event.target.closest("a.admin-link")) return;
      if (event.target.closest("a.item-text")) event.preventDefault();
      select(index, true);
    });
  });

  return {
    items, state, inspector, indexOf, markActive, select, submitAction,
    next: () => select(Math.min(state.current + 1, items.length - 1), true),
    previous: () => select(Math.max(state.current - 1, 0), true),
    undoLast() {
      if (state.lastDecision) return undo(state.lastDecision);
      const form = document.getElementById("undo-form"); // a decision made before this page was loaded
      if (form) return submitAction(form, null);
      toast("Nothing to undo: only your own decision of the last 10 minutes can be taken back.", "error");
      return Promise.resolve();
    },
  };
}
