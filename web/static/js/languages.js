// The reader's language, remembered on this device only (localStorage, never a cookie):
// choosing one in the switch (server/i18n/links.py) keeps it, and the front page `/` then opens
// in it. On a page whose language does not translate a measure's description, the reader picks
// English or Norwegian (two <details>); the last pick opens first on the next page.

const KEY = "tiltakstrappa:sprak";
const SECOND = "tiltakstrappa:andre-sprak";

function read(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, policy): nothing remembered
  }
}

function keep(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // as above
  }
}

function chosen(choice) {
  const items = [...choice.querySelectorAll("details[data-lang]")];
  const first = items.find((item) => item.dataset.lang === read(SECOND));
  if (first) items.forEach((item) => { item.open = item === first; });
  items.forEach((item) => item.addEventListener("toggle", () => { if (item.open) keep(SECOND, item.dataset.lang); }));
}

export function init(element) {
  if (!element.matches(".tt-languages")) return chosen(element);
  element.addEventListener("click", (event) => {
    const link = event.target.closest("a[hreflang]");
    if (link) keep(KEY, link.hreflang);
  });
  const language = read(KEY);
  if (location.pathname === "/" && /^(en|uk|ar|pl)$/.test(language)) location.replace(`/${language}/`);
}
