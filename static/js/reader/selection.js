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
  return { start, end, text: chosen.trim() };
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
      preview.textContent = `“${shown}” (${found.start}–${found.end})`;
      toolbar.hidden = false;
    } else if (!toolbar.contains(document.activeElement)) {
      toolbar.hidden = true;
    }
  });

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
