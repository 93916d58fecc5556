// «Er noe feil?» (server/feedback): the form needs the network to send. With none, say so and
// keep what was written (the form is not sent, so nothing is lost). Without this file the
// service worker answers a failed send with a page that says the same (service-worker/sw.js).

export function init(form, { t }) {
  const status = form.querySelector(".tt-feedback__offline");
  const offline = () => !navigator.onLine || Boolean(document.documentElement.dataset.copy);
  const show = () => {
    status.textContent = offline() ? t("Du er uten nett. Skjemaet trenger nett for å sende. Det du skrev, blir stående.") : "";
  };
  show();
  addEventListener("online", show);
  addEventListener("offline", show);
  form.addEventListener("submit", (event) => {
    if (!navigator.onLine) {
      event.preventDefault();
      show();
    }
  });
}
