// On a page whose language does not translate a measure's description (Ukrainian, Arabic,
// Polish), the reader picks English or Norwegian (two <details>, components of
// pages/measure.html); the last pick opens first on the next page. On this device only.

const KEY = "tiltakstrappa:andre-sprak";

export function init(choice) {
  const items = [...choice.querySelectorAll("details[data-lang]")];
  let picked = null;
  try {
    picked = localStorage.getItem(KEY);
  } catch {
    // storage blocked: the English opens first
  }
  const first = items.find((item) => item.dataset.lang === picked);
  if (first) items.forEach((item) => { item.open = item === first; });
  items.forEach((item) => item.addEventListener("toggle", () => {
    try {
      if (item.open) localStorage.setItem(KEY, item.dataset.lang);
    } catch {
      // as above
    }
  }));
}
