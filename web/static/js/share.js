// Share a page. Where the browser has a share sheet (the Web Share API: phones, some desktops),
// "Del lenken" opens it; elsewhere "Kopier lenke" copies the address and says so in the live
// region, so a screen reader hears it too. "Send som SMS" is a plain sms: link and needs none
// of this. The address is read from data-url on every click: Min liste changes it as it grows.


export function announce(status, message) {
  if (!status) return;
  // The same words twice in a row are not read again, so the second time differs by a space.
  status.textContent = status.textContent === message ? `${message}\u00a0` : message;
}

// The QR code is a file from the server (components/share.html says why), so it is put in only
// with network: a page opened from the offline copy then asks for nothing it cannot get.
export function showQr(panel, src) {
  if (!navigator.onLine) return;
  for (const slot of panel.querySelectorAll(".tt-share__slot")) {
    const image = slot.querySelector("img") || slot.appendChild(document.createElement("img"));
    image.className = "tt-share__image";
    image.alt = slot.dataset.label;
    image.src = src || slot.dataset.src;
  }
}

async function copy(url) {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    return false; // no clipboard (not https) or permission refused
  }
}

export function init(actions, { t }) {
  const panel = actions.closest(".tt-share");
  const status = panel.querySelector(".tt-share__status");
  if (panel.querySelector(".tt-share__slot[data-src]")) showQr(panel);
  const button = (name) => actions.querySelector(`[data-share="${name}"]`);
  const link = () => ({ title: actions.dataset.title, text: actions.dataset.text, url: actions.dataset.url });
  const copyLink = async () => announce(status, (await copy(link().url))
    ? t("Lenken er kopiert. Lim den inn i en melding eller en e-post.")
    : t("Vi fikk ikke kopiert lenken. Du finner den under «Vis QR-kode»."));

  if (typeof navigator.share === "function") {
    button("copy").hidden = true;
    button("native").hidden = false;
    button("native").addEventListener("click", () => {
      navigator.share(link()).catch((error) => {
        if (error.name !== "AbortError") copyLink(); // AbortError: the person closed the sheet
      });
    });
  } else {
    button("copy").addEventListener("click", copyLink);
  }
  button("print")?.addEventListener("click", () => window.print());
  actions.dataset.ready = ""; // the buttons work from here on (tests wait for it)
}
