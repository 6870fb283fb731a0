// The reader workbench, as native ES modules (no build step): the inspector and side panel, the speaker
// autocomplete, adding missed items from a text selection, and keyboard shortcuts from one keymap.

import { createInspector } from "./inspector.js";
import { initSelection } from "./selection.js";
import { initShortcuts } from "./shortcuts.js";
import { initSpeakerCombobox } from "./speaker-combobox.js";
import { makeToast } from "./toast.js";

const text = document.getElementById("reader-text");
if (text) {
  const narrow = window.matchMedia("(max-width: 960px)");
  if (location.hash === "#inspector" && !narrow.matches) {
    // the side panel is sticky beside the text on wide screens: keep the article's head in view
    history.replaceState(null, "", location.pathname + location.search);
    window.scrollTo(0, 0);
  }
  const toast = makeToast();
  const reader = createInspector({ text, slot: document.getElementById("inspector-slot"), toast, narrow });
  initSpeakerCombobox();
  const selection = initSelection({ text, reader, toast });
  initShortcuts({ reader, selection, toast });

  // the "next item after a decision" switch saves the setting without leaving the page
  const advanceForm = document.getElementById("advance-form");
  if (advanceForm) {
    advanceForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const field = advanceForm.querySelector("[name=advance_after_decision]");
      fetch(advanceForm.action, {
        method: "POST", body: new FormData(advanceForm), credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then((r) => r.json()).then((data) => {
        if (!data.ok) { toast(data.error || "Could not save the setting.", "error"); return; }
        reader.state.advance = data.advance_after_decision;
        field.value = data.advance_after_decision ? "0" : "1";
        const toggle = document.getElementById("advance-toggle");
        toggle.setAttribute("aria-checked", String(data.advance_after_decision));
        toggle.querySelector("strong").textContent = data.advance_after_decision ? "on" : "off";
        toast(data.message, "ok");
      }).catch(() => toast("Network error: the setting was not saved.", "error"));
    });
  }

  // the server may already have rendered a selected item
  const initial = text.dataset.selected;
  if (initial) {
    const [type, id] = initial.split("-");
    const index = reader.indexOf(type, id);
    if (index >= 0) reader.markActive(index, "nearest");
  }
}
