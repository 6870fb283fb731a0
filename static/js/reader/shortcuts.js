// Keyboard shortcuts: dispatch on the one keymap (keymap.js) and show it as the "?" help dialog.
// Shortcuts are off while the reviewer types in a field; Esc leaves the field first.

import { lookup, renderHelp } from "./keymap.js";

export function initShortcuts({ reader, selection, toast }) {
  const help = document.getElementById("shortcuts");
  if (help) renderHelp(help.querySelector("dl.keys"));

  function toggleHelp(show) {
    if (!help) return;
    help.hidden = !show;
    if (show) help.querySelector(".js-close-help").focus();
  }
  document.querySelectorAll(".js-help").forEach((b) => b.addEventListener("click", () => toggleHelp(true)));
  if (help) {
    help.querySelector(".js-close-help").addEventListener("click", () => toggleHelp(false));
    help.addEventListener("click", (event) => { if (event.target === help) toggleHelp(false); });
  }

  const lockedMessage = (insp) =>
    `This item is ${insp.dataset.status.replace("_", " ")} and locked; an editor reopens it before it can change.`;

  function pressStatus(key) {
    reader.state.loading.then(() => {
      const insp = reader.inspector();
      if (!insp || !insp.dataset.id) { toast("Select an item first (j / k).", "error"); return; }
      const button = insp.querySelector(`.status-actions button[data-key="${key}"]`);
      if (!button) { toast(lockedMessage(insp), "error"); return; }
      reader.submitAction(button.form, button);
    });
  }

  function focusField(id, missing) {
    reader.state.loading.then(() => {
      const insp = reader.inspector();
      if (insp && insp.dataset.locked) { toast(lockedMessage(insp), "error"); return; }
      const field = document.getElementById(id);
      if (!field) { toast(missing, "error"); return; }
      const details = field.closest("details");
      if (details) details.open = true;
      field.focus();
      field.scrollIntoView({ block: "nearest" });
    });
  }

  function focusVerdict() {
    reader.state.loading.then(() => {
      const insp = reader.inspector();
      if (insp && insp.dataset.locked) { toast(lockedMessage(insp), "error"); return; }
      const radio = document.querySelector("#verdict-form input:checked")
        || document.querySelector("#verdict-form input[type=radio]");
      if (!radio) { toast("Verdicts belong to claims; select a claim first.", "error"); return; }
      radio.focus();
      radio.scrollIntoView({ block: "nearest" });
    });
  }

  // action name (keymap.js) -> what it does; `which` is the index of the key within its entry
  const actions = {
    move: (which) => (which === 0 ? reader.next() : reader.previous()),
    verify: () => pressStatus("v"),
    reject: () => pressStatus("r"),
    needsWork: () => pressStatus("n"),
    undo: () => reader.state.loading.then(() => reader.undoLast()),
    speaker: () => focusField("speaker-input", "Only quotes have a speaker; select a quote first."),
    evidence: () => focusField("evidence-url", "Evidence belongs to claims; select a claim first."),
    verdict: focusVerdict,
    add: (which) => selection.add(which === 0 ? "quote" : "claim"),
    moveSpan: () => selection.moveSpan(),
    help: () => toggleHelp(true),
  };

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (help && !help.hidden) { toggleHelp(false); return; }
      if (event.target.closest("input, textarea, select")) {
        event.target.blur();
        const insp = reader.inspector();
        if (insp) insp.focus();
      }
      return;
    }
    if (help && !help.hidden) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    const [action, which] = lookup(event.key);
    const run = action && actions[action];
    if (!run) return;
    run(which);
    event.preventDefault();
  });
}
