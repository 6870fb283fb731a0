// The reader's keyboard map, defined once: shortcuts.js dispatches on it and renders it into the "?" help.
// `keys` are KeyboardEvent.key values; `action` names a handler in shortcuts.js.

export const KEYMAP = [
  { keys: ["j", "k"], label: "Next / previous quote or claim", action: "move" },
  { keys: ["v"], label: "Verify the selected item", action: "verify" },
  { keys: ["r"], label: "Reject", action: "reject" },
  { keys: ["n"], label: "Needs work", action: "needsWork" },
  { keys: ["u"], label: "Undo your last decision (within 10 minutes, if nobody else changed the item)", action: "undo" },
  {
    keys: ["s"], action: "speaker",
    label: "Edit the speaker (quotes); ↓/↑ and Enter pick a suggestion",
  },
  { keys: ["e"], label: "Add evidence (claims)", action: "evidence" },
  { keys: ["d"], label: "Set the verdict (claims)", action: "verdict" },
  { keys: ["a", "c"], label: "Add the selected text as a quote / claim", action: "add" },
  { keys: ["m"], label: "Move the selected item's span to the selected text", action: "moveSpan" },
  { keys: ["Escape"], label: "Leave a field, close this help", action: "escape" },
  { keys: ["?"], label: "Show this help", action: "help" },
];

const KEY_NAMES = { Escape: "Esc" };

/** The <dl> rows of the help dialog, built from KEYMAP (text nodes only: no markup injection). */
export function renderHelp(list) {
  list.replaceChildren(...KEYMAP.map((entry) => {
    const row = document.createElement("div");
    const dt = document.createElement("dt");
    entry.keys.forEach((key, i) => {
      if (i) dt.append(" / ");
      const kbd = document.createElement("kbd");
      kbd.textContent = KEY_NAMES[key] || key;
      dt.append(kbd);
    });
    const dd = document.createElement("dd");
    dd.textContent = entry.label;
    row.append(dt, dd);
    return row;
  }));
}

/** key -> [action, index of the key within its entry] (so "k" is the second key of "move"). */
export function lookup(key) {
  for (const entry of KEYMAP) {
    const index = entry.keys.indexOf(key);
    if (index >= 0) return [entry.action, index];
  }
  return [null, -1];
}
