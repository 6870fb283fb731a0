// A small status line at the bottom of the page for the result of an action (aria-live, so it is read out),
// optionally with one action button (e.g. "Undo").

export function makeToast() {
  const el = document.createElement("div");
  el.className = "toast";
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  el.hidden = true;
  document.body.appendChild(el);
  let timer;
  return (message, kind = "ok", action = null) => {
    const text = document.createElement("span");
    text.className = "toast-text";
    text.textContent = message;
    el.replaceChildren(text);
    if (action) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "toast-action";
      button.textContent = action.label;
      button.addEventListener("click", () => { el.hidden = true; action.run(); });
      el.append(button);
    }
    el.className = "toast toast-" + kind;
    el.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => { el.hidden = true; }, action ? 10000 : kind === "error" ? 8000 : 3500);
  };
}
