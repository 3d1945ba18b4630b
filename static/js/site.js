/* The site's small enhancements; every page works without them.
   Loaded from a file (no inline script, no on* attributes) so a strict Content Security Policy can allow it. */
document.documentElement.classList.add("js");

/* On a phone the list filters fold into a panel: the "Filter and sort" button opens and closes it. The panel
   is inside #browser, which htmx swaps on every filter change; the open state lives on #browser itself, so a
   change keeps the panel open. */
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".filter-toggle");
  if (!toggle) return;
  const browser = document.getElementById("browser");
  const open = browser.classList.toggle("filters-open");
  toggle.setAttribute("aria-expanded", String(open));
  if (open) browser.querySelector(".filters")?.focus();
});

/* While htmx fetches a new list, tell assistive technology the list is busy (the CSS shows it to everyone). */
document.addEventListener("htmx:beforeRequest", (event) => event.target.closest("#browser")?.setAttribute("aria-busy", "true"));
document.addEventListener("htmx:afterRequest", () => document.getElementById("browser")?.removeAttribute("aria-busy"));

/* Space ticks a box when the key comes up. If the list is swapped (the answer to an earlier change) between the
   key's press and its release, the release reaches the new copy of the box, which never saw the press, and the
   tick would be lost: tick the new copy then. */
let spacePressedOn = null;
document.addEventListener("keydown", (event) => {
  if (event.key === " ") spacePressedOn = event.target;
});
document.addEventListener("keyup", (event) => {
  const pressed = spacePressedOn;
  spacePressedOn = null;
  if (event.key !== " " || !pressed || pressed.isConnected || !pressed.id || event.target.id !== pressed.id) return;
  if (!event.target.matches(".filters input[type=checkbox], .filters input[type=radio]")) return;
  // While htmx still settles the new list it has not yet bound its change trigger: tick the box once it has.
  const box = event.target;
  if (document.querySelector(".htmx-settling, .htmx-swapping")) {
    document.addEventListener("htmx:afterSettle", () => box.click(), { once: true });
  } else {
    box.click();
  }
});

/* A filter change asks for (and puts in the address bar) only the filters that are set, not every empty field. */
document.addEventListener("htmx:configRequest", (event) => {
  const data = event.detail.formData;
  if (event.detail.verb !== "get" || !data) return;
  for (const key of new Set(data.keys())) {
    if (data.getAll(key).every((value) => value === "")) data.delete(key);
  }
});

/* The back button may bring a page back from the browser's memory or its HTTP cache, with the shortlist
   count of that moment: ask the server for the current page instead. */
window.addEventListener("pageshow", (event) => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const fromCache = navigation && navigation.type === "back_forward" && navigation.transferSize === 0;
  if (event.persisted || fromCache) window.location.reload();
});
