// The page's words for its scripts. A Norwegian page carries none: the Norwegian is both the key
// (gettext's message id) and the text. A page in another language carries its scripts' words,
// and only those, in <script type="application/json" id="tt-words"> (base.html, made from
// web/locale by server/i18n/interface.py), so no page sends every language's words.
// `pybabel extract` finds the words by t("…") and n("…", "…", num) (babel.cfg).

const block = document.getElementById("tt-words");
const words = block ? JSON.parse(block.textContent) : {};
export const lang = document.documentElement.lang;
// In front of every address of the site: "" in Norwegian, "/en" in English …
export const prefix = lang === "nb" ? "" : `/${lang}`;
const fill = (text, values) => text.replace(/%\((\w+)\)[sd]/g, (_, name) => values[name]);

// t("Lagret i Min liste."), t("%(title)s er fjernet fra listen.", { title })
export const t = (text, values = {}) => fill(Object.hasOwn(words, text) ? words[text] : text, values);

// n("%(num)d treff", "%(num)d treff", 3): the form the page's language uses for the number.
export function n(one, many, num, values = {}) {
  const forms = Object.hasOwn(words, one) ? words[one] : null;
  const text = forms ? forms[new Intl.PluralRules(lang).select(num)] || forms.other : num === 1 ? one : many;
  return fill(text, { ...values, num });
}
