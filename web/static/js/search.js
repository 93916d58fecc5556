// Search as you type, offline: the municipality's search index (kept in the offline copy) is
// searched by search-engine.js, the server's own algorithm, so results are those of /{kommune}/sok.
// The words never leave the device (tests/browser/test_search_privacy.py). On the search page
// the search is kept in the address, to share; an address opened offline (the copy of the page
// has no results) is searched from location.search. Markup: components/finder.html.

import { accepts, buildIndex, rank, suggestions, tokens } from "./search-engine.js";
import { buildSituations, leading, matching, urgentHelplines } from "./situations.js";
import { badgeSelector } from "./badges.js";

const OPEN_VALUES = ["1", "on", "ja", "true"];
const KEPT = "tiltakstrappa:sok"; // the search, in history.state
const TYPED = "tiltakstrappa:skrevet"; // the words typed in a ladder's or step's box, in history.state
const COUNT_AFTER_MS = 2000;
// The page's words (server/i18n), set by init; Norwegian for tests that import the module.
let words = { lang: "nb", prefix: "", t: (text) => text };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function stateOf(form) {
  const values = new FormData(form);
  const get = (name) => (values.get(name) || "").trim();
  const filters = { age: get("alder"), audience: get("for"), topic: get("tema"), open: values.has("apen") };
  return { query: get("q"), filters, active: Boolean(filters.age || filters.audience || filters.topic || filters.open) };
}

// Fill the form from an address's search part: what the server does with the same address.
function fill(form, params) {
  for (const field of form.elements) {
    if (!field.name) continue;
    if (field.type === "checkbox") field.checked = OPEN_VALUES.includes(params.get(field.name));
    else field.value = params.get(field.name) || "";
    if (field.selectedIndex === -1) field.selectedIndex = 0; // an unknown value is ignored
  }
  const details = form.querySelector("details");
  if (details && stateOf(form).active) details.open = true;
}

function address(root, query, state) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of [["alder", state.filters.age], ["for", state.filters.audience], ["tema", state.filters.topic]]) {
    if (value) params.set(name, value);
  }
  if (state.filters.open) params.set("apen", "ja");
  const search = params.toString();
  return `${words.prefix}/${root.dataset.kommune}/sok${search ? `?${search}` : ""}`;
}

// "3", "3 og 5", "3, 4 og 6" (conjunction) or «A, B eller C» (disjunction), in the page's
// language: as join_words in server/view.py and Babel's format_list (the same CLDR rules).
const list = (type) => new Intl.ListFormat(words.lang, { type });

// A sentence with nodes in it: t(text) with %(name)s as the nodes, and the words between them.
function sentence(node, text, nodes) {
  const [before, after] = words.t(text, { [Object.keys(nodes)[0]]: "\u0000" }).split("\u0000");
  node.append(before, ...Object.values(nodes)[0], after);
  return node;
}

// The nodes of «A, B eller C»: each item, with the language's words between.
function either(items) {
  const texts = items.map((item) => item.textContent);
  return list("disjunction").formatToParts(texts).map((part) => (part.type === "element" ? items[texts.indexOf(part.value)] : part.value));
}

function card(root, index, document, why, also) {
  const { prefix, t } = words;
  const item = element("li", "tt-card");
  item.dataset.access = document.access;
  const link = item.appendChild(element("h2", "tt-card__title")).appendChild(element("a", "tt-card__link", document.title));
  link.href = `${prefix}/${root.dataset.kommune}/tiltak/${document.slug}`;
  const elsewhere = also && also.length ? `. ${t("Også på trinn %(steps)s", { steps: list("conjunction").format(also.map(String)) })}` : "";
  item.append(element("p", "tt-card__step", t("Trinn %(number)s: %(name)s", { number: document.step, name: index.steps[document.step] }) + elsewhere));
  if (why) item.append(element("p", "tt-card__why", why)); // why it fits the situation the words name
  item.append(element("p", "tt-card__summary", document.summary));
  if (document.note) item.append(element("p", "tt-card__note", document.note)); // its abbreviations, explained
  const badge = root.querySelector(".tt-finder__badges").content.querySelector(badgeSelector(document));
  item.appendChild(element("p", "tt-card__meta")).append(badge.cloneNode(true));
  return item;
}

function go(root, href, text) {
  const link = element("a", "tt-finder__go", text);
  link.href = href;
  return link;
}

// The helplines before any measure, when the words may mean a child is in danger: the page's own
// box (components/urgent.html, in a <template>) with only these lines, in this order.
function urgentBox(root, slugs) {
  const box = root.querySelector(".tt-finder__urgent").content.firstElementChild.cloneNode(true);
  const list = box.querySelector(".tt-urgent__list");
  const items = new Map([...list.children].map((item) => [item.dataset.slug, item]));
  list.replaceChildren(...slugs.filter((slug) => items.has(slug)).map((slug) => items.get(slug)));
  return box;
}

// The situation the words name, before the results; as components/finder.html situation_lead.
function situationLead(root, named) {
  const [lead, ...others] = named;
  const base = `${words.prefix}/${root.dataset.kommune}/situasjon/`;
  const box = element("section", "tt-situation-lead");
  box.setAttribute("aria-labelledby", "situasjon");
  const title = box.appendChild(element("h2", "tt-situation-lead__title"));
  title.id = "situasjon";
  title.appendChild(element("a", "", lead.title)).href = base + lead.slug;
  box.append(element("p", "", lead.text));
  if (lead.none_fit) box.append(element("p", "", lead.none_fit));
  if (others.length) {
    const links = others.slice(0, 3).map((other) => {
      const link = element("a", "", other.title);
      link.href = base + other.slug;
      return link;
    });
    box.append(sentence(element("p"), "Gjelder det heller: %(situations)s?", { situations: either(links) }));
  }
  return box;
}

// Nothing found: close spellings, or how many the filters hid, then what else to try.
function noResults(root, index, state, named) {
  const box = element("div", "tt-noresults");
  // As many as the page without the filters shows: each service once.
  const hidden = state.query && state.active ? onePerService(rank(index, state.query).map((hit) => hit.document)).found.length : 0;
  const close = state.query && !hidden && !named.length ? suggestions(index, state.query, index.known) : [];
  if (close.length) {
    const links = close.map((word) => go(root, address(root, word, state), word));
    box.append(sentence(element("p", "tt-noresults__try"), "Mente du %(words)s?", { words: either(links) }));
  }
  if (hidden) {
    const unfiltered = address(root, state.query, { filters: {} });
    box.appendChild(element("p", "tt-noresults__try")).append(go(root, unfiltered, words.n("Se %(num)d treff uten filtrene", "Se %(num)d treff uten filtrene", hidden)));
  }
  box.append(root.querySelector(".tt-finder__help").content.cloneNode(true));
  return box;
}

// As headline in server/finder.py.
function headline(state, count) {
  const { t, n } = words;
  const query = { words: state.query };
  if (state.query && state.active) {
    return count ? n("%(num)d treff for «%(words)s» med filtrene dine", "%(num)d treff for «%(words)s» med filtrene dine", count, query)
      : t("Ingen treff for «%(words)s» med filtrene dine", query);
  }
  if (state.query) return count ? n("%(num)d treff for «%(words)s»", "%(num)d treff for «%(words)s»", count, query) : t("Ingen treff for «%(words)s»", query);
  if (!state.active) return "";
  return count ? n("%(num)d tilbud passer med filtrene dine", "%(num)d tilbud passer med filtrene dine", count) : t("Ingen tilbud passer med filtrene dine");
}

// Each service once, where it ranks first, with the other steps it matched on (one_per_service
// in server/finder.py): slug → step numbers, lowest first.
function onePerService(documents) {
  const shown = [], first = new Map(), also = new Map();
  for (const document of documents) {
    const kept = document.service && first.get(document.service);
    if (kept) {
      const steps = also.get(kept.slug) || new Set();
      if (document.step !== kept.step) also.set(kept.slug, steps.add(document.step));
    } else {
      if (document.service) first.set(document.service, document);
      shown.push(document);
    }
  }
  const sorted = new Map([...also].map(([slug, steps]) => [slug, [...steps].sort((a, b) => a - b)]));
  return { found: shown, also: sorted };
}

// What the words and filters find: the measures of the situations the words name first (server/finder.py).
// state: {query, filters, active} as stateOf gives. Exported for tests/browser/test_situation_cases.py.
export function find(index, state) {
  const keep = state.active ? (document) => accepts(state.filters, document) : null;
  if (!state.query) return { ...onePerService(keep ? index.documents.filter(keep) : []), named: [], why: new Map(), lines: [] };
  const named = matching(index.situations, state.query);
  const why = leading(named, keep ? (slug) => keep(index.bySlug.get(slug)) : null);
  const ranked = rank(index, state.query, keep).map((hit) => hit.document).filter((document) => !why.has(document.slug));
  const listed = [...[...why.keys()].map((slug) => index.bySlug.get(slug)), ...ranked];
  return { ...onePerService(listed), named, why, lines: urgentHelplines(named) };
}

function render(root, index) {
  const form = root.querySelector("form");
  const state = stateOf(form);
  const { found, also, named, why, lines } = find(index, state);
  const asked = Boolean(state.query || state.active);
  const results = root.querySelector(".tt-finder__results");
  const first = [];
  if (lines.length) first.push(urgentBox(root, lines)); // danger first: before any measure
  if (tokens(state.query).some((word) => index.interpreter.some((stem) => word.startsWith(stem)))) {
    first.push(root.querySelector(".tt-finder__interpreter").content.cloneNode(true)); // «Du har rett til tolk»
  }
  if (named.length) first.push(situationLead(root, named));
  if (found.length) {
    const list = element("ul", "tt-cards");
    list.setAttribute("aria-labelledby", "treff");
    list.append(...found.map((document) => card(root, index, document, why.get(document.slug), also.get(document.slug))));
    results.replaceChildren(...first, list);
  } else {
    results.replaceChildren(...first, ...(asked ? [noResults(root, index, state, named)] : []));
  }
  root.querySelector(".tt-result-count").textContent = headline(state, found.length);
  if (state.query) countSearch(root, state.query, found.length > 0 || named.length > 0);
  const intro = root.querySelector(".tt-finder__intro");
  if (intro) intro.hidden = asked;
  if ("address" in root.dataset) remember(root, state);
}

// The municipality counts searches and searches that found nothing (server/usage): only that a
// search was made and whether it found anything, never the words. Once the person has stopped
// typing for a moment, and once per different search; one the server answered was counted there.
let counted = new URLSearchParams(location.search).get("q")?.trim() ?? "";
let pending = 0;
function countSearch(root, query, found) {
  clearTimeout(pending);
  pending = setTimeout(() => {
    if (query.trim() === counted) return;
    counted = query.trim();
    fetch(`/api/v1/municipalities/${root.dataset.kommune}/searches`, {
      method: "POST", keepalive: true, headers: { "content-type": "application/json" }, body: JSON.stringify({ found }),
    }).catch(() => {}); // offline: not counted
  }, COUNT_AFTER_MS);
}

// The search in the address, to share, and in history.state (see keepOffTheNetwork).
function remember(root, state) {
  const here = address(root, state.query, state);
  history.replaceState({ ...history.state, [KEPT]: here }, "", here);
  const { t } = words;
  document.title = `${state.query ? t("Søk: %(words)s", { words: state.query }) : t("Søk")} – ${root.dataset.name} – Tiltakstrappa`;
}

// Back and Forward ask for the page's address again (unless the browser kept the page), and
// would send the words in it to the server. So when the page goes, its address loses them;
// they wait in history.state, and the page searches them again when it comes back. (Reload
// asks before the page can do anything: like opening a shared search, it goes to the server.)
function keepOffTheNetwork(root, show) {
  addEventListener("pagehide", () => {
    if (history.state && history.state[KEPT]) history.replaceState(history.state, "", `${words.prefix}/${root.dataset.kommune}/sok`);
  });
  addEventListener("pageshow", (event) => { if (event.persisted) show(); });
}

export function fetchIndex(kommune) {
  return fetch(`${words.prefix}/api/v1/municipalities/${kommune}/search-index`)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`${response.status}`))))
    .then((data) => {
      const index = buildIndex(data);
      index.situations = buildSituations(data);
      // The situations' words are real words, never «corrected» (situation_words in server/finder.py).
      const texts = (data.situations || []).flatMap((s) => [s.title, s.text, ...s.phrases]);
      index.known = new Set([...texts, ...Object.values(data.groups || {}).flat()].flatMap(tokens));
      index.bySlug = new Map(index.documents.map((document) => [document.slug, document]));
      index.interpreter = data.interpreter || [];
      return index;
    });
}

// A suggestion or "Se … treff uten filtrene": search for it here, not on the server.
function followHere(root, ready, show) {
  root.addEventListener("click", (event) => {
    const link = event.target.closest(".tt-finder__go");
    if (!link || !ready()) return;
    event.preventDefault();
    const form = root.querySelector("form");
    fill(form, new URL(link.href).searchParams);
    show();
    form.querySelector("input").focus();
  });
}

export function init(root, pageWords) {
  words = pageWords;
  const form = root.querySelector("form");
  let index = null;
  let loading = null;
  const show = () => { if (index) render(root, index); };
  const load = () => {
    loading ||= fetchIndex(root.dataset.kommune).then((built) => {
      index = built;
      // The server's results for this very address are left as they are (focus stays put).
      const results = root.querySelector(".tt-finder__results");
      const state = stateOf(form);
      if (results.dataset.shown !== address(root, state.query, state)) show();
      else if ("address" in root.dataset) remember(root, state);
      delete results.dataset.shown;
    // Not loaded (no network and no copy): the form still goes to the server; try again later.
    }).catch(() => { loading = null; });
  };
  form.addEventListener("input", () => { load(); show(); });
  followHere(root, () => index !== null, show);
  const box = form.querySelector("input");
  if ("address" in root.dataset) {
    // With the index here the results are already shown; the words need not go anywhere.
    form.addEventListener("submit", (event) => { if (index) event.preventDefault(); });
    // The search comes in the address, after "#" from another page's box (never sent to a
    // server), or in history.state when Back brings the page back. Unless someone typed before
    // this module ran: their words win.
    const kept = history.state && history.state[KEPT];
    const search = location.search || fromHash() || (kept ? new URL(kept, location.href).search : "");
    if (search && box.value === box.defaultValue) fill(form, new URLSearchParams(search));
    keepOffTheNetwork(root, show);
    load();
  } else {
    // Enter: the search page, as without JavaScript, but with the words after "#", which no
    // request carries; the search page puts them in its address (issue 17: Back restores it).
    form.addEventListener("submit", (event) => {
      const state = stateOf(form);
      if (!state.query) return;
      event.preventDefault();
      location.assign(`${words.prefix}/${root.dataset.kommune}/sok#${new URLSearchParams({ q: state.query })}`);
    });
    // What was typed here waits in history.state, so Back from a result shows it again.
    form.addEventListener("input", () => {
      history.replaceState({ ...history.state, [TYPED]: stateOf(form).query }, "");
    });
    const typed = history.state && history.state[TYPED];
    if (typed && !box.value) box.value = typed;
    addEventListener("pageshow", (event) => { if (event.persisted) show(); });
    // The ladder and step pages fetch the index only when someone starts to search (which may
    // be before this module ran: the box already has focus or words).
    form.addEventListener("focusin", load);
    if (form.contains(document.activeElement) || stateOf(form).query) load();
  }
}

// The search part after "#" (`#q=…`), as another page's search box sends it.
function fromHash() {
  return location.hash.startsWith("#q=") ? `?${location.hash.slice(1)}` : "";
}
