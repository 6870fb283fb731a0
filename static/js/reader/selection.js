// Text selected in the article: its offsets in the article's text (the server's offsets: speaker tags and
// <br> are not text), the "Add as quote / Add as claim" toolbar, and moving an item's span to the selection.

function plainText(fragment) {
  fragment.querySelectorAll(".hl-label").forEach((el) => el.remove());
  fragment.querySelectorAll("br").forEach((el) => el.replaceWith("\n"));
  return fragment.textContent;
}

function offsetOf(node, offset) {
  const el = node.nodeType === 1 ? node : node.parentElement;
  const p = el && el.closest("#reader-text p[data-start]");
  if (!p || el.closest(".hl-label")) return null;
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEnd(node, offset);
  return parseInt(p.dataset.start, 10) + plainText(range.cloneContents()).length;
}

function readSelection(text) {
  const sel = window.getSelection();
  if (!sel.rangeCount || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  const chosen = plainText(range.cloneContents());
  start += chosen.length - chosen.replace(/^\s+/, "").length;
  end -= chosen.length - chosen.replace(/\s+$/, "").length;
  if (end <= start) return null;
  return { start, end, text: chosen.trim(), rect: range.getBoundingClientRect() };
}

const GAP = 8;

/** Float the toolbar next to the selection: below it, or above when there is no room; always on screen. */
function place(toolbar, rect) {
  toolbar.style.left = "0px";
  toolbar.style.top = "0px";
  const width = toolbar.offsetWidth;
  const height = toolbar.offsetHeight;
  const viewWidth = document.documentElement.clientWidth;
  const viewHeight = window.innerHeight;
  let top = rect.bottom + GAP;
  if (top + height > viewHeight - GAP && rect.top - height - GAP > GAP) top = rect.top - height - GAP;
  top = Math.max(GAP, Math.min(top, viewHeight - height - GAP));
  const left = Math.max(GAP, Math.min(rect.left, viewWidth - width - GAP));
  toolbar.style.left = `${Math.round(left)}px`;
  toolbar.style.top = `${Math.round(top)}px`;
}

export function initSelection({ text, reader, toast }) {
  const toolbar = document.getElementById("add-toolbar");
  const addStart = document.getElementById("add-start");
  const addEnd = document.getElementById("add-end");
  const preview = document.getElementById("add-preview");
  let selection = null;

  document.addEventListener("selectionchange", () => {
    const found = readSelection(text);
    if (found) {
      selection = found;
      addStart.value = found.start;
      addEnd.value = found.end;
      const shown = found.text.length > 80 ? found.text.slice(0, 80) + "…" : found.text;
      // as the server will store it: without the quote marks around it (or the comma before the closing one)
      preview.textContent = `“${shown.replace(/^[\s“"«„]+|[\s”"»]+$/g, "").replace(/,$/, "")}”`;
      toolbar.hidden = false;
      place(toolbar, found.rect);
    } else if (!toolbar.contains(document.activeElement)) {
      toolbar.hidden = true;
    }
  });
  const follow = () => {
    if (toolbar.hidden) return;
    const found = readSelection(text);
    if (found) place(toolbar, found.rect);
  };
  window.addEventListener("scroll", follow, { passive: true });
  window.addEventListener("resize", follow);

  return {
    add(kind) {
      if (!selection) { toast("Select some text in the article first.", "error"); return; }
      addStart.value = selection.start;
      addEnd.value = selection.end;
      reader.submitAction(document.getElementById("add-item"), toolbar.querySelector(`button[value="${kind}"]`));
    },
    moveSpan() {
      const insp = reader.inspector();
      const form = insp && insp.querySelector('form[data-action="span"]');
      if (!form || !selection) { toast("Select an item, then select the text its span should cover.", "error"); return; }
      form.querySelector("[name=start]").value = selection.start;
      form.querySelector("[name=end]").value = selection.end;
      reader.submitAction(form, null);
    },
  };
}
