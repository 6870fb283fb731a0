// A small status line at the bottom of the page for the result of an action (aria-live, so it is read out).

export function makeToast() {
  const el = document.createElement("div");
  el.className = "toast";
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  el.hidden = true;
  document.body.appendChild(el);
  let timer;
  return (message, kind = "ok") => {
    el.textContent = message;
    el.className = "toast toast-" + kind;
    el.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => { el.hidden = true; }, kind === "error" ? 8000 : 3500);
  };
}
