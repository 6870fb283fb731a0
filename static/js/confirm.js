// Buttons with data-confirm="…" ask before they submit their form (no inline onclick: the
// Content-Security-Policy allows script files from this site only).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
