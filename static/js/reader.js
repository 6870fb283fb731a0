// Reader: link highlighted spans in the text with their side-panel items; j/k step through items.
(function () {
  "use strict";
  var text = document.getElementById("reader-text");
  if (!text) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".side-panel .item"));
  var current = -1;

  function spansFor(type, id) {
    return text.querySelectorAll('.hl[data-type="' + type + '"][data-id="' + id + '"]');
  }

  function select(index, scrollText) {
    if (index < 0 || index >= items.length) return;
    document.querySelectorAll(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
    current = index;
    var item = items[index];
    item.classList.add("is-active");
    var spans = spansFor(item.dataset.type, item.dataset.id);
    spans.forEach(function (el) { el.classList.add("is-active"); });
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    if (scrollText && spans.length) spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  text.addEventListener("click", function (event) {
    var span = event.target.closest(".hl");
    if (!span) return;
    var item = document.getElementById("item-" + span.dataset.type + "-" + span.dataset.id);
    select(items.indexOf(item), false);
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function (event) {
      if (event.target.closest("a.admin-link")) return;
      if (event.target.closest("a.item-text")) event.preventDefault();
      select(index, true);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "j") select(Math.min(current + 1, items.length - 1), true);
    else if (event.key === "k") select(Math.max(current - 1, 0), true);
  });
})();
