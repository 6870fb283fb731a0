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

  // the server may already have rendered a selected item
  const initial = text.dataset.selected;
  if (initial) {
    const [type, id] = initial.split("-");
    const index = reader.indexOf(type, id);
    if (index >= 0) reader.markActive(index, "nearest");
  }
}
