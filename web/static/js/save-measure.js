// "Lagre": keep a measure in Min liste on this device (a toggle, aria-pressed), and on a
// shared list "Lagre i Min liste" keeps all of its measures. The live region says what
// happened, so the change is heard as well as seen.

import { announce } from "./share.js";
import { load, save } from "./saved-store.js";
import { t } from "./words.js";

const FAILED = t("Vi fikk ikke lagret på denne enheten. Kanskje nettleseren ikke tillater det.");

function statusFor(button) {
  const panel = button.closest(".tt-share") || document;
  return panel.querySelector(".tt-share__status");
}

function toggle(button, kommune, slug) {
  const status = statusFor(button);
  const show = () => button.setAttribute("aria-pressed", String(load(kommune).includes(slug)));
  show();
  button.addEventListener("click", () => {
    const saved = load(kommune);
    const keep = !saved.includes(slug);
    const next = keep ? [...saved, slug] : saved.filter((other) => other !== slug);
    if (!save(kommune, next)) return announce(status, FAILED);
    show();
    announce(status, keep ? t("Lagret i Min liste.") : t("Fjernet fra Min liste."));
  });
}

function keepAll(button, kommune, slugs) {
  button.addEventListener("click", () => {
    const ok = save(kommune, [...load(kommune), ...slugs]);
    announce(statusFor(button), ok ? t("Listen er lagret i Min liste på denne enheten.") : FAILED);
  });
}

export function init(button) {
  const { kommune, slug, slugs } = button.dataset;
  if (slugs) keepAll(button, kommune, slugs.split(","));
  else toggle(button, kommune, slug);
}
