// Progressive enhancement: every page works without this file. It marks that JavaScript runs
// (the `js-enabled` class, for styles that only make sense with it) and loads the module named
// by each element's data-module, once per name. The import() calls are literal strings so the
// asset fingerprinting (server/assets.py) rewrites them to hashed URLs.

const modules = {
  "remember-municipality": () => import("./remember-municipality.js"),
  offline: () => import("./offline.js"),
  "quick-exit": () => import("./quick-exit.js"),
  "clear-data": () => import("./clear-data.js"),
  share: () => import("./share.js"),
  "save-measure": () => import("./save-measure.js"),
  "saved-list": () => import("./saved-list.js"),
  search: () => import("./search.js"),
  "situation-filter": () => import("./situation-filter.js"),
  "second-language": () => import("./second-language.js"),
  feedback: () => import("./feedback.js"),
};

document.documentElement.classList.add("js-enabled");

// The page's words, which every module gets with init(element, words). A Norwegian page carries
// none: the Norwegian is both the key (gettext's message id) and the text. A page in another
// language carries its scripts' words, and only those, as JSON in #tt-words (made from web/locale
// by server/i18n/interface.py), so no page sends every language's words. `pybabel extract` finds
// them by t("…") and n("…", "…", num) (babel.cfg).
const block = document.getElementById("tt-words");
const own = block ? JSON.parse(block.textContent) : {};
const lang = document.documentElement.lang;
const fill = (text, values) => text.replace(/%\((\w+)\)[sd]/g, (_, name) => values[name]);
const words = {
  lang,
  prefix: lang === "nb" ? "" : `/${lang}`, // in front of every address of the site
  t: (text, values = {}) => fill(Object.hasOwn(own, text) ? own[text] : text, values),
  // The form the language uses for the number (Intl.PluralRules: the categories the words have).
  n: (one, many, num, values = {}) => {
    const forms = Object.hasOwn(own, one) ? own[one] : null;
    return fill(forms ? forms[new Intl.PluralRules(lang).select(num)] || forms.other : num === 1 ? one : many, { ...values, num });
  },
};

// The language chosen in the switch (server/i18n/links.py), on this device only (localStorage,
// never a cookie): the front page `/` then opens in it.
const LANGUAGE = "tiltakstrappa:sprak";
try {
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".tt-languages a[hreflang]");
    if (link) localStorage.setItem(LANGUAGE, link.hreflang);
  });
  const chosen = localStorage.getItem(LANGUAGE);
  if (location.pathname === "/" && /^(en|uk|ar|pl)$/.test(chosen)) location.replace(`/${chosen}/`);
} catch {
  // storage blocked (private mode, policy): nothing remembered
}

const elementsByName = new Map();
for (const element of document.querySelectorAll("[data-module]")) {
  const name = element.dataset.module;
  if (!elementsByName.has(name)) elementsByName.set(name, []);
  elementsByName.get(name).push(element);
}

for (const [name, elements] of elementsByName) {
  const load = modules[name];
  if (!load) continue;
  load()
    .then((module) => elements.forEach((element) => module.init(element, words)))
    // An enhancement that fails leaves the plain page, which already works.
    .catch(() => {});
}
