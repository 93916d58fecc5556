// Tiltakstrappa's service worker: the app works with no network after the first visit.
// Read top to bottom: constants, install, activate, fetch, message.
// The server stamps VERSION and SHELL (server/routes/pwa.py); VERSION is a hash of every
// precached file and of the content, so any change to either gives a new worker.

// ---- Constants -------------------------------------------------------------------------

const VERSION = "__VERSION__";
const SHELL = __SHELL__; // hashed CSS, JS and icons, and the offline page
const PREFIX = "tiltakstrapp-";
const SHELL_CACHE = `${PREFIX}shell-${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages-${VERSION}`;
const NETWORK_TIMEOUT_MS = 3000; // then a page comes from the copy on the device
const OFFLINE_PAGE = "/offline";
const PACK_MARKER = (slug) => `/offline/${slug}.json`;

// ---- Install: precache the app shell. One failed file fails the install, and the old
// worker keeps serving (a half-filled cache would break pages offline). No skipWaiting here:
// a new version waits until the person chooses "Oppdater" (see message).

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

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
  // Only our own origin, only reads; everything else goes to the network untouched.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Never keep anything from the editors' area or the worker itself.
  if (url.pathname.startsWith("/admin") || url.pathname === "/sw.js") return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/api/") || url.pathname.endsWith(".json")) {
    event.respondWith(staleWhileRevalidate(request, event));
  }
});

// Pages: the network if it answers within the timeout, else the copy, else the offline page.
async function networkFirst(request) {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (isCacheable(response)) cache.put(pageKey(request), response.clone());
    return response;
  } catch (error) {
    const copy = await cache.match(pageKey(request), { ignoreSearch: true });
    return copy || (await caches.match(OFFLINE_PAGE)) || Response.error();
  }
}

// Hashed files never change, so a copy is always right.
async function cacheFirst(request) {
  const copy = await caches.match(request);
  if (copy) return copy;
  const response = await fetch(request);
  if (isCacheable(response)) (await caches.open(SHELL_CACHE)).put(request, response.clone());
  return response;
}

// JSON: answer from the copy at once, refresh it in the background.
async function staleWhileRevalidate(request, event) {
  const cache = await caches.open(PAGES_CACHE);
  const copy = await cache.match(request, { ignoreSearch: true });
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

function isCacheable(response) {
  return response && response.ok && response.type === "basic" && !response.redirected;
}

// A page with a query (a search) is kept under its address without the query.
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
  } else if (message.type === "SAVE_MUNICIPALITY" && /^[a-z0-9-]+$/.test(message.slug || "")) {
    event.waitUntil(saveMunicipality(message.slug, event.source));
  } else if (message.type === "CLEAR") {
    event.waitUntil(clearEverything(event.source));
  }
});

// The offline copy of one municipality comes as one compressed pack: every page and JSON
// file, rendered by the server's own templates. One request instead of ~180, ~10× smaller.
async function saveMunicipality(slug, client) {
  const cache = await caches.open(PAGES_CACHE);
  const marker = PACK_MARKER(slug);
  if (await cache.match(marker)) {
    tell(client, { type: "SAVED", slug });
    return;
  }
  try {
    const response = await fetch(marker, { cache: "no-store" });
    if (!response.ok) throw new Error(`pack ${response.status}`);
    const pack = await response.json();
    const total = pack.entries.length;
    let done = 0;
    for (const [path, contentType, body] of pack.entries) {
      await cache.put(path, new Response(body, { headers: { "content-type": contentType } }));
      done += 1;
      if (done % 20 === 0 || done === total) tell(client, { type: "PROGRESS", slug, done, total });
    }
    await cache.put(marker, new Response(JSON.stringify({ version: pack.version }),
      { headers: { "content-type": "application/json" } }));
    tell(client, { type: "SAVED", slug });
  } catch (error) {
    tell(client, { type: "SAVE_FAILED", slug });
  }
}

async function clearEverything(client) {
  const keys = await caches.keys();
  await Promise.all(keys.filter((key) => key.startsWith(PREFIX)).map((key) => caches.delete(key)));
  tell(client, { type: "CLEARED" });
}

function tell(client, message) {
  if (client) client.postMessage(message);
}
