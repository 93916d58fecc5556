// Remember the municipality a person last looked at, on this device only: localStorage, never
// a cookie, nothing sent to the server. On a municipality's pages the header link carries
// data-kommune and is saved; on the front page that choice moves to the top of the list.

const KEY = "tiltakstrappa:kommune";

function read() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage blocked (private mode, policy): simply nothing remembered
  }
}

function save(slug) {
  try {
    localStorage.setItem(KEY, slug);
  } catch {
    // Storage full or blocked: remembering is a convenience, the page works without it.
  }
}

function offerFirst(list, slug, t) {
  const item = [...list.children].find((child) => child.dataset.kommune === slug);
  if (!item) return;
  list.prepend(item);
  item.classList.add("tt-choices__item--last");
  const label = document.createElement("span");
  label.className = "tt-choices__tag";
  label.textContent = t("Sist valgt");
  item.querySelector(".tt-choices__name")?.after(" ", label);
}

export function init(element, { t }) {
  if (element.dataset.kommune) {
    save(element.dataset.kommune);
    return;
  }
  const slug = read();
  if (slug) offerFirst(element, slug, t);
}
