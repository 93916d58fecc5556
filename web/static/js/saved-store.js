// Min liste: the measures a person saved, per municipality, as a JSON list of slugs in
// localStorage on this device. Never a cookie, never sent to the server; "Slett data" on /om
// clears it with the rest of the site's storage.

const key = (kommune) => `tiltakstrappa:liste:${kommune}`;

export function load(kommune) {
  try {
    const slugs = JSON.parse(localStorage.getItem(key(kommune)) || "[]");
    return Array.isArray(slugs) ? slugs.filter((slug) => /^[a-z0-9-]+$/.test(slug)) : [];
  } catch {
    return []; // storage blocked or damaged: an empty list, the page still works
  }
}

export function save(kommune, slugs) {
  try {
    localStorage.setItem(key(kommune), JSON.stringify([...new Set(slugs)]));
    return true;
  } catch {
    return false; // storage full or blocked
  }
}
