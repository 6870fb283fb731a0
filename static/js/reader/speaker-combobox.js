// The speaker field's autocomplete (an ARIA combobox): suggestions from the speaker lookup as you type
// (honorifics aside: "Sir Keir" finds Keir Starmer), ↓/↑ to move, Enter to pick, Esc to close. A name nobody
// has is offered as "Create new speaker …": only picking that option creates one (the server asks otherwise).

const INPUT_ID = "speaker-input";
const DEBOUNCE_MS = 120;

function parts(input) {
  return {
    list: document.getElementById(input.getAttribute("aria-controls")),
    hidden: input.form.querySelector(".js-speaker-id"),
    create: input.form.querySelector(".js-speaker-create"),
  };
}

function close(input) {
  const { list } = parts(input);
  list.hidden = true;
  list.innerHTML = "";
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
}

function pick(input, option) {
  input.value = option.dataset.name;
  const { hidden, create } = parts(input);
  hidden.value = option.dataset.id || "";
  if (create) create.value = option.classList.contains("opt-create") ? "1" : "";
  close(input);
  input.focus();
}

function option(id, name, className, text) {
  const li = document.createElement("li");
  li.setAttribute("role", "option");
  li.id = id;
  li.dataset.name = name;
  if (className) li.className = className;
  if (text) li.textContent = text;
  return li;
}

function show(input, results) {
  const { list } = parts(input);
  list.innerHTML = "";
  const typed = input.value.trim();
  let exact = false;
  results.forEach((r, i) => {
    const li = option(`speaker-opt-${i}`, r.name);
    li.dataset.id = r.id;
    const name = document.createElement("span");
    name.className = "opt-name";
    name.textContent = r.name;
    li.appendChild(name);
    if (r.description || r.kind) {
      const desc = document.createElement("span");
      desc.className = "opt-desc";
      desc.textContent = r.description || r.kind;
      li.appendChild(desc);
    }
    if (r.same_name || r.name.toLowerCase() === typed.toLowerCase()) exact = true; // no "create" for a known name
    list.appendChild(li);
  });
  if (typed && !exact) list.appendChild(option("speaker-opt-new", typed, "opt-create", `Create new speaker “${typed}”`));
  list.hidden = !list.children.length;
  input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  if (!list.hidden) moveActive(input, 0);
}

function moveActive(input, delta) {
  const { list } = parts(input);
  const options = Array.from(list.children);
  if (!options.length) return;
  const active = list.querySelector('[aria-selected="true"]');
  let index = active ? options.indexOf(active) : -1;
  index = delta === 0 ? 0 : Math.max(0, Math.min(options.length - 1, index + delta));
  if (active) active.removeAttribute("aria-selected");
  options[index].setAttribute("aria-selected", "true");
  input.setAttribute("aria-activedescendant", options[index].id);
  options[index].scrollIntoView({ block: "nearest" });
}

export function initSpeakerCombobox() {
  let timer = null;
  document.addEventListener("input", (event) => {
    const input = event.target;
    if (input.id !== INPUT_ID) return;
    const { hidden, create } = parts(input);
    hidden.value = "";
    if (create) create.value = "";
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(input); return; }
    timer = setTimeout(() => {
      fetch(`${input.dataset.lookup}?q=${encodeURIComponent(q)}`, { credentials: "same-origin" })
        .then((r) => r.json())
        .then((data) => { if (input.value.trim() === q) show(input, data.results || []); })
        .catch(() => {});
    }, DEBOUNCE_MS);
  });

  document.addEventListener("keydown", (event) => {
    const input = event.target;
    if (input.id !== INPUT_ID) return;
    const { list } = parts(input);
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); moveActive(input, 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); moveActive(input, -1); }
    else if (event.key === "Enter") {
      const active = list.querySelector('[aria-selected="true"]');
      if (active) { event.preventDefault(); pick(input, active); }
    } else if (event.key === "Escape") { event.stopPropagation(); close(input); }
  }, true);

  document.addEventListener("mousedown", (event) => {
    const chosen = event.target.closest(".combo-list [role=option]");
    if (!chosen) return;
    event.preventDefault();
    pick(document.getElementById(INPUT_ID), chosen);
  });
}
