// Queue: select-all and a live count for bulk actions; j/k move between rows, x toggles, o/Enter opens.
(function () {
  "use strict";
  var more = document.getElementById("filter-more");
  if (more && !more.dataset.active && window.matchMedia("(max-width: 640px)").matches) more.open = false;
  var form = document.getElementById("bulk-form");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="items"]'));
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  var action = document.getElementById("bulk-action");
  var assignee = document.getElementById("bulk-assignee");
  var rows = Array.prototype.slice.call(form.querySelectorAll("tbody tr"));
  var current = -1;
  // "Select all n matching": the bulk action then covers every page (the server counts and confirms first)
  var scope = document.getElementById("bulk-scope");
  var banner = document.getElementById("select-all-banner");
  var apply = document.getElementById("bulk-apply");

  function setAllMatching(on) {
    scope.value = on ? "all" : "";
    if (!banner) return;
    banner.querySelectorAll(".js-banner-all").forEach(function (el) { el.hidden = !on; });
    var pageNote = banner.querySelector(".js-banner-page");
    if (pageNote) pageNote.hidden = on;
    var button = document.getElementById("select-all-matching");
    if (button) button.hidden = on;
  }

  function refresh() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    all.checked = n === boxes.length && n > 0;
    all.indeterminate = n > 0 && n < boxes.length;
    if (!all.checked && scope.value === "all") setAllMatching(false);
    if (banner) banner.hidden = !all.checked;
    var total = scope.value === "all" ? banner.dataset.total : n;
    count.textContent = total + " selected";
    apply.textContent = scope.value === "all" ? "Apply to all " + total + " matching…" : "Apply to selected…";
    rows.forEach(function (row, i) { row.classList.toggle("is-selected", boxes[i].checked); });
  }
  if (banner) {
    var pick = document.getElementById("select-all-matching");
    if (pick) pick.addEventListener("click", function () { setAllMatching(true); refresh(); });
    document.getElementById("clear-all-matching").addEventListener("click", function () {
      setAllMatching(false);
      boxes.forEach(function (b) { b.checked = false; });
      refresh();
    });
  }
  function syncAssignee() {
    if (assignee) assignee.hidden = action.value !== "assign";
  }
  all.addEventListener("change", function () { boxes.forEach(function (b) { b.checked = all.checked; }); refresh(); });
  boxes.forEach(function (b) { b.addEventListener("change", refresh); });
  action.addEventListener("change", syncAssignee);
  form.addEventListener("submit", function (event) {
    if (!boxes.some(function (b) { return b.checked; })) { event.preventDefault(); count.textContent = "Select at least one item first"; }
  });
  syncAssignee();
  refresh();

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    current = index;
    rows.forEach(function (r) { r.classList.remove("is-current"); });
    rows[index].classList.add("is-current");
    rows[index].querySelector(".item-link").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input:not([type=checkbox]), textarea, select")) return;
    if (event.key === "j") focusRow(Math.min(current + 1, rows.length - 1));
    else if (event.key === "k") focusRow(Math.max(current - 1, 0));
    else if (event.key === "x" && current >= 0) { boxes[current].checked = !boxes[current].checked; refresh(); }
    else if (event.key === "o" && current >= 0) { rows[current].querySelector(".item-link").click(); }
    else return;
    event.preventDefault();
  });
})();
