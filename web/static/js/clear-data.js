// "Slett data lagret på denne enheten": removes everything this site keeps on the device — the
// offline copy (the service worker's caches), the saved list and the last municipality
// (localStorage, all of it for this origin), this tab's sessionStorage, any IndexedDB
// database — and unregisters the service worker. The button is hidden in the HTML and shown
// here, so without JavaScript only the written steps for the browser's own settings show.

const PREFIX = "tiltakstrapp-"; // the service worker's cache names (service-worker/sw.js)
const WORKER_WAIT_MS = 2000;


// The worker deletes its caches and answers CLEARED; it may be busy or gone, so wait a little only.
function clearWorkerCaches(registrations) {
  const workers = registrations.map((r) => r.active || r.waiting || r.installing).filter(Boolean);
  if (workers.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (event) => {
      if (event.data?.type === "CLEARED") finish();
    };
    const finish = () => {
      navigator.serviceWorker.removeEventListener("message", done);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, WORKER_WAIT_MS);
    navigator.serviceWorker.addEventListener("message", done);
    navigator.serviceWorker.startMessages();
    workers.forEach((worker) => worker.postMessage({ type: "CLEAR" }));
  });
}

async function clearWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registrations = await navigator.serviceWorker.getRegistrations();
  await clearWorkerCaches(registrations);
  await Promise.all(registrations.map((registration) => registration.unregister()));
}

// Also from the page itself: the worker may not run, and a save in progress may have written more.
async function clearCaches() {
  if (!("caches" in self)) return;
  const keys = await caches.keys();
  await Promise.all(keys.filter((key) => key.startsWith(PREFIX)).map((key) => caches.delete(key)));
}

async function clearDatabases() {
  if (!self.indexedDB?.databases) return;
  const databases = await indexedDB.databases();
  databases.forEach((database) => indexedDB.deleteDatabase(database.name));
}

function clearStorage() {
  localStorage.clear();
  sessionStorage.clear();
}

async function clearEverything() {
  const steps = [clearWorker(), clearDatabases(), Promise.resolve().then(clearStorage)];
  const results = await Promise.allSettled(steps);
  const last = await Promise.allSettled([clearCaches()]);
  return [...results, ...last].every((result) => result.status === "fulfilled");
}

export function init(element, { t }) {
  const button = element.querySelector("button");
  const status = element.querySelector("[role=status]");
  element.hidden = false;
  button.addEventListener("click", async () => {
    status.textContent = t("Sletter …");
    status.textContent = (await clearEverything())
      ? t("Ferdig. Det Tiltakstrappa hadde lagret på denne enheten, er slettet. Historikken i nettleseren må du slette selv.")
      : t("Noe kunne ikke slettes. Slett lagrede data for nettstedet i innstillingene i nettleseren.");
  });
}
