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
  feedback: () => import("./feedback.js"),
};

document.documentElement.classList.add("js-enabled");

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
    .then((module) => elements.forEach((element) => module.init(element)))
    // An enhancement that fails leaves the plain page, which already works.
    .catch(() => {});
}
