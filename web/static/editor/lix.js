// Readability as you type, on the editor's texts: LIX and the longest sentence, counted as
// server/plain.py counts them (the server checks again on save; this only helps while writing).

const WORD = /[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*/g;
const SENTENCE_END = /[.!?:]+(?=\s+[A-ZÆØÅ0-9«"(]|\s*$)/;
const LONG_WORD = 6;

const words = (text) => text.match(WORD) || [];
const sentences = (text) => text.split(SENTENCE_END).map((part) => part.trim()).filter((part) => words(part).length);

export function readability(text) {
  const all = words(text);
  if (!all.length) return { lix: 0, longest: 0 };
  const long = all.filter((word) => word.length > LONG_WORD).length;
  const lix = all.length / Math.max(1, sentences(text).length) + (100 * long) / all.length;
  return { lix: Math.round(lix * 10) / 10, longest: Math.max(0, ...sentences(text).map((s) => words(s).length)) };
}

function watch(field) {
  const output = document.getElementById(`${field.id}-lix`);
  if (!output) return;
  field.addEventListener("input", () => {
    const { lix, longest } = readability(field.value);
    output.textContent = `LIX ${lix}, lengste setning ${longest} ord.`;
  });
}

// The staff pages load only this module; the public pages never load it.
document.querySelectorAll("[data-module=lix]").forEach(watch);
