// Min liste (/{kommune}/min-liste): the measures saved on this device, built from the
// municipality's search index, which the offline copy keeps too, so the list opens with no network.
// A measure renamed since it was saved is looked up once (its old address redirects) and kept
// under its new slug. The list can be removed from, printed, and shared as one link.

import { announce, showQr } from "./share.js";
import { load, save } from "./saved-store.js";
import { badgeSelector } from "./badges.js";

let words; // the page's (server/i18n): set by init

async function measuresOf(kommune) {
  const { prefix, t } = words;
  const response = await fetch(`${prefix}/api/v1/municipalities/${kommune}/search-index`);
  if (!response.ok) throw new Error(`status ${response.status}`);
  const index = await response.json();
  const found = new Map();
  for (const measure of index.documents) {
    found.set(measure.slug, { ...measure, where: t("Trinn %(number)s: %(name)s", { number: measure.step, name: index.steps[measure.step] }) });
  }
  return found;
}

// Old slugs answer 301 to the new one; offline or gone, the slug simply stays unknown.
async function renamed(kommune, slug) {
  try {
    const response = await fetch(`/api/v1/municipalities/${kommune}/measures/${slug}`);
    return response.ok ? (await response.json()).slug : null;
  } catch {
    return null;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text) node.textContent = text;
  return node;
}

function card(root, measure, remove) {
  const { prefix, t } = words;
  const { kommune, base } = root.dataset;
  const path = `${prefix}/${kommune}/tiltak/${measure.slug}`;
  const item = element("li", "tt-card");
  item.dataset.access = measure.access;
  const title = item.appendChild(element("h2", "tt-card__title"));
  const link = title.appendChild(element("a", "tt-card__link", measure.title));
  link.href = path;
  item.append(element("p", "tt-card__step", measure.where), element("p", "tt-card__summary", measure.summary));
  const badge = root.querySelector(`.tt-saved__badges`).content.querySelector(badgeSelector(measure));
  item.append(element("p", "tt-card__meta"), element("p", "tt-card__url", base + path));
  if (badge) item.querySelector(".tt-card__meta").append(badge.cloneNode(true));
  const button = item.appendChild(element("button", "tt-saved__remove", t("Fjern")));
  button.type = "button";
  button.setAttribute("aria-label", t("Fjern %(title)s fra listen", { title: measure.title }));
  button.addEventListener("click", () => remove(measure));
  return item;
}

function showLink(root, slugs) {
  const { prefix } = words;
  const { kommune, base } = root.dataset;
  const query = `?t=${slugs.join(",")}`;
  const url = `${base}${prefix}/${kommune}/liste${query}`;
  const actions = root.querySelector(".tt-share__actions");
  actions.dataset.url = url;
  root.querySelectorAll(".tt-share__address").forEach((node) => { node.textContent = url; });
  showQr(root.querySelector(".tt-share"), `${prefix}/${kommune}/liste/qr.svg${query}`);
  root.querySelector(".tt-share__sms").href = `sms:?&body=${encodeURIComponent(`${actions.dataset.text} ${url}`)}`;
}

function render(root, shown, focusIndex) {
  const list = root.querySelector(".tt-saved__list");
  const remove = (measure) => {
    const index = shown.indexOf(measure);
    shown.splice(index, 1);
    const { kommune } = root.dataset;
    save(kommune, load(kommune).filter((slug) => slug !== measure.slug));
    render(root, shown, index);
    announce(root.querySelector(".tt-saved__status"), words.t("%(title)s er fjernet fra listen.", { title: measure.title }));
  };
  list.replaceChildren(...shown.map((measure) => card(root, measure, remove)));
  list.hidden = shown.length === 0;
  root.querySelector(".tt-saved__share").hidden = shown.length === 0;
  root.querySelector(".tt-saved__empty").hidden = shown.length > 0;
  if (shown.length) showLink(root, shown.map((measure) => measure.slug));
  if (focusIndex === undefined) return;
  // After "Fjern", focus goes to the next card's button, or to the message that the list is empty.
  const buttons = list.querySelectorAll(".tt-saved__remove");
  (buttons[Math.min(focusIndex, buttons.length - 1)] || root.querySelector(".tt-saved__empty")).focus();
}

// Unknown slugs stay stored (they may be renamed ones looked up with no network), but unshown.
async function resolve(kommune, measures, slugs) {
  const shown = [];
  const kept = [];
  for (const slug of slugs) {
    const measure = measures.get(slug) || measures.get(await renamed(kommune, slug));
    kept.push(measure ? measure.slug : slug);
    if (measure && !shown.includes(measure)) shown.push(measure);
  }
  if (kept.some((slug, index) => slug !== slugs[index])) save(kommune, kept);
  return { shown, gone: new Set(kept).size - shown.length };
}

export async function init(root, pageWords) {
  words = pageWords;
  const { t, n } = words;
  const { kommune } = root.dataset;
  root.querySelector(".tt-saved__nojs").hidden = true;
  const slugs = load(kommune);
  let measures;
  try {
    measures = await measuresOf(kommune);
  } catch {
    root.querySelector(".tt-saved__gone").hidden = false;
    root.querySelector(".tt-saved__gone").textContent = t("Vi fikk ikke hentet tilbudene. Prøv igjen når du har nett.");
    return;
  }
  const { shown, gone } = await resolve(kommune, measures, slugs);
  if (gone) {
    root.querySelector(".tt-saved__gone").hidden = false;
    root.querySelector(".tt-saved__gone").textContent = n("%(num)d av tilbudene du lagret, finner vi ikke. De kan være tatt bort.", "%(num)d av tilbudene du lagret, finner vi ikke. De kan være tatt bort.", gone);
  }
  render(root, shown);
}

