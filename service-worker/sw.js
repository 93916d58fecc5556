// Tiltakstrappa's service worker: the app works with no network after the first visit.
// Read top to bottom: constants, install, activate, fetch, message.
// The server stamps VERSION and SHELL (server/routes/pwa.py); VERSION is a hash of this file,
// every precached file and the content, so any change to either gives a new worker. Nothing here
// assumes the app server: the static export (server/export.py) serves the same files.

// ---- Constants -------------------------------------------------------------------------

const VERSION = "__VERSION__";
const SHELL_VERSION = "__SHELL_VERSION__"; // the shell's files: a copy's pages must link to these
const SHELL = __SHELL__; // hashed CSS, JS and icons, the offline page and the manifest
const SHELL_FILES = new Set(SHELL);
const PREFIX = "tiltakstrapp-";
const SHELL_CACHE = `${PREFIX}shell-${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages-${VERSION}`;
const NETWORK_TIMEOUT_MS = 3000; // then a page comes from the copy on the device
const OFFLINE_PAGE = "/offline"; // in every language: `${prefix}/offline`, kept with its copy
// One municipality's offline copy in one language (prefix "" is Norwegian, "/en" English …),
// and its marker in the cache.
const PACK = /^(\/[a-z]{2})?\/offline\/([a-z0-9-]+)\.json$/;
const LANGUAGE = /^\/(en|uk|ar|pl)(?=\/|$)/; // the prefix of a page's address, if any
const STYLE_OR_SCRIPT = /\/static\/[^"'\s<>()]+\.(?:css|js)(?=["'\s<>()])/g;
const packPath = (slug, prefix = "") => `${prefix}/offline/${slug}.json`;
// When a page's copy was saved (an ISO time), on every page the worker keeps. A page answered
// from the copy carries it to the page as <html data-copy="offline|slow" data-saved="…">, which
// js/offline.js turns into «Du er uten nett. Du ser en kopi fra …» (issue 17).
const SAVED_HEADER = "x-tiltakstrapp-saved";
// Shown for a picture that is not on the device (a page's QR code) when there is no network.
const OFFLINE_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 176 176">'
  + '<rect width="176" height="176" fill="#f2f5f8"/><text x="88" y="94" font-family="sans-serif" '
  + 'font-size="18" text-anchor="middle" fill="#4a5663">Krever nett</text></svg>';

let generation = 0; // raised by CLEAR, so a copy being saved stops instead of refilling the caches
const saving = new Map(); // pack path → the save under way, shared by pages that ask at the same time

// ---- Install: precache the app shell, then the municipalities an older version had saved, so
// the new version has the same offline copy before it takes over. One failed file fails the
// install and the old worker keeps serving (a half-filled cache would break pages offline).
// No skipWaiting here: a new version waits until the person chooses "Oppdater" (see message).

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

async function precache() {
  await (await caches.open(SHELL_CACHE)).addAll(SHELL);
  const cache = await caches.open(PAGES_CACHE);
  for (const path of await savedByOlderVersions()) {
    const pack = await fetchPack(path);
    if (pack) await storePack(pack, cache, generation, () => {});
  }
}

// The copies an older version had saved, by their pack's address (each municipality and language).
async function savedByOlderVersions() {
  const paths = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}pages-`) || name === PAGES_CACHE) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const path = new URL(request.url).pathname;
      if (PACK.test(path)) paths.add(path);
    }
  }
  return paths;
}

// ---- Activate: delete this app's caches from older versions, and only those.

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith(PREFIX) && key !== SHELL_CACHE && key !== PAGES_CACHE)
          .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// ---- Fetch -----------------------------------------------------------------------------

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && request.mode === "navigate" && url.origin === self.location.origin && FEEDBACK_FORM.test(url.pathname)) {
    event.respondWith(fetch(request).catch(notSent));
    return;
  }
  // Only our own origin, only reads; everything else goes to the network untouched.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Never keep anything from the editors' area or the worker itself.
  if (url.pathname.startsWith("/redaksjon") || url.pathname === "/sw.js") return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirst(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.destination === "image" && !url.search) {
    event.respondWith(networkFirstImage(event));
  } else if (url.search) {
    // A JSON answer to a query (a search) is neither kept nor answered from the copy: it would
    // leave the search words on the device, and the copy's search runs in the page instead.
  } else if (url.pathname.replace(LANGUAGE, "").startsWith("/api/") || /\.(json|webmanifest)$/.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event));
  }
});

// «Er noe feil?» sent with no network: say so plainly, and that going back keeps what was
// written (the browser keeps a form's fields on Back). The helplines come first, as everywhere.
const FEEDBACK_FORM = /^(\/(en|uk|ar|pl))?\/[a-z0-9-]+\/(tiltak|situasjon)\/[a-z0-9-]+$/; // the form posts to its page, in its language
function notSent() {
  const page = `<!doctype html><html lang="nb"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Ikke sendt</title>
<body style="font:1.125rem/1.5 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem">
<p>Trenger du hjelp nå? Ring <a href="tel:112">112</a> (politi), <a href="tel:113">113</a> (ambulanse)
eller <a href="tel:116111">116 111</a> (Alarmtelefonen for barn og unge).</p>
<h1>Meldingen er ikke sendt</h1><p>Du er uten nett. Skjemaet trenger nett for å sende.</p>
<p>Gå tilbake med tilbakeknappen. Det du skrev, står der fortsatt. Send igjen når du har nett.</p></body></html>`;
  return new Response(page, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

// Pages: the network if it answers within the timeout, else the copy on the device, else the
// offline page (in the page's language, if its copy is saved). A search is answered with the copy
// of the empty search page (the page searches itself); its results are never kept, so no search
// words stay on the device.
async function networkFirst(event) {
  const request = event.request;
  const key = pageKey(request);
  const cache = await caches.open(PAGES_CACHE);
  const copy = await cache.match(key);
  try {
    // With no copy, waiting longer for a slow network beats the offline page.
    const response = await (copy ? withTimeout(fetch(request), NETWORK_TIMEOUT_MS) : fetch(request));
    if (copy && response.status >= 500) return fromCopy(copy, "slow");
    if (!(await fromThisRelease(response))) {
      // The server has a newer release: keep this page and its files from one version until the
      // person chooses "Oppdater" (a page must never mix old and new files). Look for the worker.
      event.waitUntil(self.registration.update().catch(() => undefined));
      return copy || response;
    }
    if (isCacheable(response) && key === request.url) event.waitUntil(cache.put(key, savedNow(response.clone())));
    return response;
  } catch (error) {
    if (copy) return fromCopy(copy, error.message === "timeout" ? "slow" : "offline");
    const language = (new URL(request.url).pathname.match(LANGUAGE) || [""])[0];
    return (await caches.match(language + OFFLINE_PAGE)) || (await caches.match(OFFLINE_PAGE)) || Response.error();
  }
}

// A response to keep, stamped with the time it was saved.
function savedNow(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_HEADER, new Date().toISOString());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// A page from the copy says so, and when it was saved: why ("offline": no network; "slow": the
// network or the server did not answer in time) and the date, on its <html> element.
async function fromCopy(copy, why) {
  if (!(copy.headers.get("content-type") || "").startsWith("text/html")) return copy;
  const saved = (copy.headers.get(SAVED_HEADER) || "").replace(/[^0-9TZ:.-]/g, "");
  const html = (await copy.text()).replace("<html ", `<html data-copy="${why}" data-saved="${saved}" `);
  return new Response(html, { status: copy.status, statusText: copy.statusText, headers: copy.headers });
}

// Hashed files never change, so a copy is always right.
async function cacheFirst(request) {
  const copy = await caches.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (isCacheable(response)) (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

// Pictures outside the shell (a page's QR code, left out of the offline copy to keep it small):
// the network, else a copy from an earlier visit, else a box that says it needs the network.
async function networkFirstImage(event) {
  try {
    const response = await fetch(event.request);
    if (isCacheable(response)) {
      event.waitUntil(caches.open(PAGES_CACHE).then((cache) => cache.put(event.request, response.clone())));
    }
    return response;
  } catch (error) {
    return (await caches.match(event.request))
      || new Response(OFFLINE_IMAGE, { headers: { "content-type": "image/svg+xml" } });
  }
}

// JSON: answer from the copy at once, refresh it in the background.
async function staleWhileRevalidate(event) {
  const request = event.request;
  const cache = await caches.open(PAGES_CACHE);
  const copy = await caches.match(request);
  const refresh = fetch(request).then((response) => {
    if (isCacheable(response)) return cache.put(request, response.clone()).then(() => response);
    return response;
  });
  if (copy) {
    event.waitUntil(refresh.catch(() => undefined));
    return copy;
  }
  return refresh;
}

// Errors, redirects, other origins' answers and anything the server says not to store are never kept.
function isCacheable(response) {
  return response.ok && response.type === "basic" && !response.redirected
    && !/no-store/i.test(response.headers.get("cache-control") || "");
}

// A page belongs to this release when every stylesheet and script it links to is in this
// worker's shell: those are the files that must never mix across releases.
async function fromThisRelease(response) {
  if (!response.ok || !(response.headers.get("content-type") || "").startsWith("text/html")) return true;
  const html = await response.clone().text();
  return [...html.matchAll(STYLE_OR_SCRIPT)].every(([url]) => SHELL_FILES.has(url));
}

// A page is kept under its address without the query: /kommune/sok?q=… falls back to /kommune/sok.
function pageKey(request) {
  const url = new URL(request.url);
  return url.origin + url.pathname;
}

function withTimeout(promise, milliseconds) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), milliseconds);
    promise.then((value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); });
  });
}

// ---- Message ---------------------------------------------------------------------------

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "SKIP_WAITING") {
    self.skipWaiting(); // only when the person chose "Oppdater"
  } else if (message.type === "SAVE_MUNICIPALITY" && PACK.test(message.pack || "")) {
    event.waitUntil(saveMunicipality(message.pack, event.source));
  } else if (message.type === "CLEAR") {
    event.waitUntil(clearEverything(event.source));
  } else if (message.type === "SAVED_LIST") {
    event.waitUntil(savedList().then((saved) => tell(event.source, { type: "SAVED_LIST", saved })));
  }
});

// The copies saved for use with no network, each with when: { pack's address: ISO time }.
async function savedList() {
  const saved = {};
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (PACK.test(path)) saved[path] = (await (await cache.match(request)).json()).saved || "";
  }
  return saved;
}

// The offline copy of one municipality in one language comes as one compressed pack: every page
// and JSON file, rendered by the server's own templates. One request instead of ~200, ~20×
// smaller. `pack` is its address (/offline/elverum.json, /en/offline/elverum.json).
async function saveMunicipality(pack, client) {
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(pack)) {
    tell(client, { type: "SAVED", pack, fresh: false });
    return;
  }
  if (!saving.has(pack)) {
    const progress = (done, total) => tell(client, { type: "PROGRESS", pack, done, total });
    const save = fetchPack(pack).then((found) => {
      if (!found) throw new Error("no such municipality");
      return storePack(found, cache, generation, progress);
    });
    saving.set(pack, save.finally(() => saving.delete(pack)));
  }
  try {
    await saving.get(pack);
    tell(client, { type: "SAVED", pack, fresh: true });
  } catch (error) {
    tell(client, { type: "SAVE_FAILED", pack });
  }
}

// The pack at its address, or null when the municipality no longer exists. A pack from another
// release is an error: its pages link to files this worker does not hold.
async function fetchPack(path) {
  const response = await fetch(path, { cache: "no-cache" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`pack ${response.status}`);
  const pack = await response.json();
  if (pack.shell !== SHELL_VERSION) {
    self.registration.update().catch(() => undefined);
    throw new Error("pack from another release");
  }
  return pack;
}

// One cache entry per address, in batches; the marker last, so a copy cut short is saved again.
// Every entry and the marker carry the time the copy was saved.
async function storePack(pack, cache, started, progress) {
  const entries = pack.entries;
  const saved = new Date().toISOString();
  for (let done = 0; done < entries.length;) {
    if (generation !== started) throw new Error("cleared");
    const batch = entries.slice(done, done + 20);
    await Promise.all(batch.map(([path, contentType, body, values]) => cache.put(path,
      new Response(withShare(pack, withChrome(pack, path, body), values),
        { headers: { ...pack.headers, "content-type": contentType, [SAVED_HEADER]: saved } }))));
    done += batch.length;
    progress(done, entries.length);
  }
  if (generation !== started) throw new Error("cleared");
  await cache.put(packPath(pack.slug, pack.prefix), new Response(JSON.stringify({ version: pack.version, saved }),
    { headers: { "content-type": "application/json" } }));
}

// A page as the server sends it: the pack leaves out what only depends on the page's address
// (its hreflang links and the language switch, ~10 KB over a whole copy) and has each once,
// with {path} where the page's Norwegian address goes (server/i18n/links.py).
function withChrome(pack, path, body) {
  const here = path.slice((pack.prefix || "").length) || "/";
  let page = body;
  for (const [mark, template] of Object.entries(pack.chrome || {})) {
    page = page.replace(mark, () => template.replaceAll("{path}", here));
  }
  return page;
}

// The share panel and the link-preview tags: the pack has each kind once, with {url}, {title},
// … where a page's values go, and the values beside each page (server/pack_parts.py). Filled in
// as the server fills them, so the stored page is the page the server sends: escaped as Jinja
// escapes, the SMS text encoded as its urlencode filter does (no "/", but !'()* too).
const SHARE_FIELDS = ["url", "title", "text", "description", "qr", "kommune", "slug"];
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

function withShare(pack, body, values) {
  if (!values) return body;
  const [kind, withMeta, ...fields] = values;
  const named = Object.fromEntries(SHARE_FIELDS.map((name, index) => [name, fields[index]]));
  const fill = (template) => template.replace(/\{(url|title|text|description|qr|kommune|slug|sms)\}/g,
    (_, name) => (name === "sms" ? smsText(named) : named[name].replace(/[&<>"']/g, (c) => ESCAPES[c])));
  const page = body.replace("<!--tt-share-->", () => fill(pack.share[kind]));
  return withMeta ? page.replace("<!--tt-preview-->", () => fill(pack.share.meta)) : page;
}

function smsText({ text, url }) {
  return encodeURIComponent(`${text} ${url}`)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%2F", "/");
}

// "Slett data lagret på denne enheten": every cache of this app, including a copy being saved.
async function clearEverything(client) {
  generation += 1;
  const keys = await caches.keys();
  await Promise.all(keys.filter((key) => key.startsWith(PREFIX)).map((key) => caches.delete(key)));
  tell(client, { type: "CLEARED" });
}

function tell(client, message) {
  if (client) client.postMessage(message);
}
