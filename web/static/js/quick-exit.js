// "Gå ut raskt": leave for a neutral site at once. location.replace puts yr.no in place of this
// page in the tab's history, so Back does not bring it back; Shift pressed three times within
// 2 s does the same (the pattern GOV.UK's "Exit this page" uses; Esc is avoided because it
// stops a page loading). Without this file the link still goes to yr.no, as a normal link.

const PRESSES = 3;
const WITHIN_MS = 2000;
// This tab only (sessionStorage): the person used the quick exit. Earlier pages of this site
// stay in the tab's history, so if Back brings one of them up again, it leaves at once too.
const LEFT = "tiltakstrappa:gikk-ut";

function remember() {
  try {
    sessionStorage.setItem(LEFT, "1");
  } catch {
    // Storage blocked: the exit itself still works.
  }
}

function hasLeft() {
  try {
    return sessionStorage.getItem(LEFT) === "1";
  } catch {
    return false;
  }
}

function forget() {
  try {
    sessionStorage.removeItem(LEFT);
  } catch {
    // Nothing was stored.
  }
}

function leave(url) {
  remember();
  // Hide the page first: on a slow connection yr.no can take seconds to appear, and the
  // title would otherwise be kept in the browser's history list and the tab switcher.
  document.body.hidden = true;
  document.title = "";
  location.replace(url);
}

function cameBack() {
  const [entry] = performance.getEntriesByType("navigation");
  return entry?.type === "back_forward";
}

// Counted on keyup, and only if no other key was pressed while Shift was down: typing capital
// letters never adds up to a quick exit.
function onShiftThreeTimes(action) {
  let presses = [];
  let lastDown = "";
  document.addEventListener("keydown", (event) => {
    lastDown = event.key;
    if (event.key !== "Shift") presses = [];
  });
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift" || lastDown !== "Shift") return;
    const now = performance.now();
    presses = [...presses.filter((time) => now - time < WITHIN_MS), now];
    if (presses.length >= PRESSES) action();
  });
}

export function init(link) {
  const exit = () => leave(link.href);
  if (hasLeft() && cameBack()) {
    exit();
    return;
  }
  if (!cameBack()) forget(); // a new visit: the person chose to come here again
  link.addEventListener("click", (event) => {
    event.preventDefault();
    exit();
  });
  onShiftThreeTimes(exit);
  // Restored from the back/forward cache after a quick exit: the page must not show again.
  addEventListener("pageshow", (event) => {
    if (event.persisted && hasLeft()) exit();
  });
  // Marked once it works, as GOV.UK Frontend marks its initialised components.
  link.dataset.ready = "";
}
