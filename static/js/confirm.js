// Ask before a form does something that cannot be undone: a submit button (or form) with data-confirm="…".
// A file rather than inline onclick handlers, so the Content-Security-Policy can forbid inline script.
document.addEventListener("submit", function (event) {
  var source = event.submitter && event.submitter.dataset.confirm ? event.submitter : event.target;
  var message = source.dataset ? source.dataset.confirm : "";
  if (message && !window.confirm(message)) event.preventDefault();
});
