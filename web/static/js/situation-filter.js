// A situation page with the two answers in its address (?hvem=ung&alder=15): hide the measures
// that do not fit, as the server does (server/situations/local.py Asking). Needed offline: the
// saved copy of the page is the one without the answers, so the browser applies them itself.

const AUDIENCES = {
  ung: ["barn", "ungdom"],
  forelder: ["barn", "ungdom", "foreldre", "gravide"],
  "annen-voksen": null, // anyone's measures
};
const MAX_AGE = 25;

function asking(params) {
  const who = params.get("hvem") || "";
  const age = params.get("alder") || "";
  return {
    audiences: Object.hasOwn(AUDIENCES, who) ? AUDIENCES[who] : null,
    age: /^\d+$/.test(age) && Number(age) <= MAX_AGE ? Number(age) : null,
  };
}

function accepts(card, answers) {
  const audience = (card.dataset.audience || "").split(" ");
  if (answers.audiences && !answers.audiences.some((item) => audience.includes(item))) return false;
  if (answers.age === null) return true;
  const low = card.dataset.ageFrom === "" ? 0 : Number(card.dataset.ageFrom);
  const high = card.dataset.ageTo === "" ? 30 : Number(card.dataset.ageTo);
  return low <= answers.age && answers.age <= high;
}

export function init(root) {
  const answers = asking(new URLSearchParams(location.search));
  if (!answers.audiences && answers.age === null) return;
  const start = root.querySelector(".tt-situation__start");
  const others = root.querySelector(".tt-situation__others");
  if (!start) return;
  // Every card in ladder order: the page lists the first that fits under «Start her».
  const cards = [...root.querySelectorAll(".tt-card")].sort((a, b) => Number(a.dataset.order) - Number(b.dataset.order));
  const shown = cards.filter((card) => accepts(card, answers));
  cards.forEach((card) => { card.hidden = !shown.includes(card); });
  if (shown.length) start.replaceChildren(shown[0]);
  if (others) others.replaceChildren(...cards.filter((card) => card !== shown[0]));
  const note = root.querySelector(".tt-situation__hidden");
  note.querySelector(".tt-situation__count").textContent = String(cards.length - shown.length);
  note.hidden = cards.length === shown.length;
}
