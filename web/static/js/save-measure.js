// "Lagre": keep a measure in Min liste on this device (a toggle, aria-pressed), and on a
// shared list "Lagre i Min liste" keeps all of its measures. The live region says what
// happened, so the change is heard as well as seen.

import { announce } from "./share.js";
import { load, save } from "./saved-store.js";

const failed = (t) => t("Vi fikk ikke lagret på denne enheten. Kanskje nettleseren ikke tillater det.");

function statusFor(button) {
  const panel = button.closest(".tt-share") || document;
  return panel.querySelector(".tt-share__status");
}

function toggle(button, kommune, slug, t) {
  const status = statusFor(button);
  const show = () => button.setAttribute("aria-pressed", String(load(kommune).includes(slug)));
  show();
  button.addEventListener("click", () => {
    const saved = load(kommune);
    const keep = !saved.includes(slug);
    const next = keep ? [...saved, slug] : saved.filter((other) => other !== slug);
    if (!save(kommune, next)) return announce(status, failed(t));
    show();
    announce(status, keep ? t("Lagret i Min liste.") : t("Fjernet fra Min liste."));
  });
}

function keepAll(button, kommune, slugs, t) {
  button.addEventListener("click", () => {
    const ok = save(kommune, [...load(kommune), ...slugs]);
    announce(statusFor(button), ok ? t("Listen er lagret i Min liste på denne enheten.") : failed(t));
  });
}

export function init(button, { t }) {
  const { kommune, slug, slugs } = button.dataset;
  if (slugs) keepAll(button, kommune, slugs.split(","), t);
  else toggle(button, kommune, slug, t);
}
