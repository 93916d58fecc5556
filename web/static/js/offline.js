// Use without network and safe updates. Registers the service worker (service-worker/sw.js),
// asks it to save the municipality of this page for use with no network, says how far it has
// come in a polite live region, and offers a new version only when the person chooses it.
// The element (web/templates/_offline.html) holds the status and the hidden "Oppdater" button;
// data-kommune names the municipality of the page, if any.

let words; // the page's (server/i18n): set by init
// This page's copy in the worker: one municipality in the page's language.
const packOf = (slug) => `${words.prefix}/offline/${slug}.json`;

// "3. desember 2026" in the page's language, or "" for a time that is not one.
function savedOn(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleDateString(words.lang, { day: "numeric", month: "long", year: "numeric" });
}

// Whether this page is a copy from the device, or the network is gone.
const offline = () => Boolean(document.documentElement.dataset.copy) || !navigator.onLine;

export function init(element, pageWords) {
  words = pageWords;
  if (!("serviceWorker" in navigator)) return; // the pages work as they are, only not offline
  const status = element.querySelector(".tt-offline__status");
  const button = element.querySelector(".tt-offline__update");
  const say = (text) => {
    status.textContent = text;
  };
  // Once a new version is offered, that is what the person needs to read; it saves the copy anew.
  const report = (text) => {
    if (button.hidden) say(text);
  };
  reloadWhenReplaced();
  showCopy(say);
  addEventListener("offline", () => showCopy(say));
  addEventListener("online", () => { if (!document.documentElement.dataset.copy) say(""); });
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then((registration) => {
      watchForUpdate(registration, (worker) => offerUpdate(worker, say, button));
      const slug = element.dataset.kommune;
      const note = element.querySelector(".tt-offline__note");
      // With no network there is nothing to save, and «Klar til bruk uten nett» is not the news.
      if (slug && !offline()) whenLoaded(() => save(slug, report, (text) => { note.textContent = text; }));
      if (offline()) markUnsaved();
      addEventListener("offline", markUnsaved);
    })
    // No worker (blocked by policy or private mode): the app still works online.
    .catch(() => {});
}

// A page from the copy on the device, or a page whose network went: say so, and when the copy
// was saved (issue 17). The worker marks a page from the copy (service-worker/sw.js fromCopy).
function showCopy(say) {
  const copy = document.documentElement.dataset;
  if (!offline()) return;
  const { t } = words;
  const when = savedOn(copy.saved || "");
  // Why the page came from the copy on the device (the worker's data-copy on <html>).
  const why = copy.copy === "slow" ? t("Vi får ikke kontakt med nettet nå.") : t("Du er uten nett.");
  const saved = when ? t("Du ser en kopi som ble lagret %(date)s.", { date: when }) : t("Du ser en kopi som ble lagret på enheten.");
  say(copy.copy ? `${why} ${saved}` : why);
}

// With no network, the municipalities on the front page that were never saved on this device
// say so (their pages need the network): each choice's hidden line is shown.
function markUnsaved() {
  const choices = document.querySelectorAll(".tt-choices__item[data-kommune]");
  if (!choices.length) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if ((event.data || {}).type !== "SAVED_LIST") return;
    for (const choice of choices) {
      const line = choice.querySelector(".tt-choices__unsaved");
      if (line) line.hidden = Object.hasOwn(event.data.saved, packOf(choice.dataset.kommune));
    }
  });
  navigator.serviceWorker.ready.then((registration) => registration.active.postMessage({ type: "SAVED_LIST" }));
}

// Reload once when a new worker takes over a page that an older one served, so no page keeps
// running with old files after their cache is gone. Not on the first visit: then the first
// worker only starts to serve a page that came from the network.
function reloadWhenReplaced() {
  let served = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!served) {
      served = true;
    } else if (!reloading) {
      reloading = true;
      window.location.reload();
    }
  });
}

// A new version is offered when it has installed and an older one serves this page.
function watchForUpdate(registration, offer) {
  const track = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    };
    check();
    worker.addEventListener("statechange", check);
  };
  track(registration.waiting);
  track(registration.installing);
  registration.addEventListener("updatefound", () => track(registration.installing));
}

function offerUpdate(worker, say, button) {
  if (!button.hidden) return;
  say(words.t("Ny versjon er klar"));
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    say(words.t("Oppdaterer …"));
    worker.postMessage({ type: "SKIP_WAITING" }); // the reload follows on controllerchange
  });
}

// Saving starts after the page has loaded, so it never competes with what the person opened.
function whenLoaded(run) {
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run, { once: true });
}

// say: into the live region (heard); note: shown, not announced (already saved, nothing new).
function save(slug, say, note) {
  const { t } = words;
  const ready = t("Klar til bruk uten nett");
  const pack = packOf(slug);
  navigator.serviceWorker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.pack !== pack) return;
    if (message.type === "PROGRESS") {
      say(t("Lagrer for bruk uten nett … %(done)s av %(total)s", message));
    } else if (message.type === "SAVED" && message.fresh) {
      say(ready);
      // Ask the browser not to evict the copy under storage pressure; it may say no.
      navigator.storage?.persist?.().catch(() => {});
    } else if (message.type === "SAVED") {
      note(ready);
    } else if (message.type === "SAVE_FAILED") {
      say(t("Fikk ikke lagret for bruk uten nett. Vi prøver igjen neste gang du åpner en side."));
    }
  });
  navigator.serviceWorker.ready.then((registration) => {
    registration.active.postMessage({ type: "SAVE_MUNICIPALITY", pack });
  });
}
