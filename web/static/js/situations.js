// Situations in what someone typed: a line-by-line port of server/situations/matching.py and the
// ordering in server/situations/local.py and server/finder.py, so a query names the same
// situations, shows the same helplines first and lists the same measures first, offline too.
// tests/situation_cases.yaml runs both.

import { tokens, withinOneEdit } from "./search-engine.js";

const MAX_GAP = 2, MIN_FUZZY = 4;

function compileWords(text) {
  const words = [];
  for (const part of text.split(/\s+/).filter(Boolean)) {
    const found = tokens(part);
    found.slice(0, -1).forEach((word) => words.push([word, false]));
    if (found.length) words.push([found[found.length - 1], part.endsWith("*")]);
  }
  return words;
}

function compileGroup(words) {
  return words.flatMap((text) => compileWords(text));
}

// A phrase as parts (joined by "+"), each a list of slots (a slot: alternatives [word, stem]).
function compilePhrase(text, groups) {
  const parts = [];
  for (const part of text.split("+")) {
    const slots = [];
    for (const item of part.split(/\s+/).filter(Boolean)) {
      if (item.startsWith("@")) slots.push(Object.hasOwn(groups, item.slice(1)) ? groups[item.slice(1)] : []);
      else compileWords(item).forEach((word) => slots.push([word]));
    }
    if (slots.length) parts.push(slots);
  }
  return { parts, size: parts.reduce((sum, part) => sum + part.length, 0) };
}

function wordMatches(typed, word, stem) {
  if (stem) return typed.startsWith(word);
  if (typed === word) return true;
  return word.length >= MIN_FUZZY && typed[0] === word[0] && withinOneEdit(typed, word);
}

const slotMatches = (typed, slot) => slot.some(([word, stem]) => wordMatches(typed, word, stem));

function partMatches(typed, part) {
  const rest = (position, index) => {
    if (index === part.length) return true;
    const end = Math.min(typed.length, position + MAX_GAP + 1);
    for (let at = position; at < end; at++) if (slotMatches(typed[at], part[index]) && rest(at + 1, index + 1)) return true;
    return false;
  };
  for (let at = 0; at < typed.length; at++) if (slotMatches(typed[at], part[0]) && rest(at + 1, 1)) return true;
  return false;
}

const phraseMatches = (typed, phrase) => phrase.parts.length > 0 && phrase.parts.every((part) => partMatches(typed, part));

function strength(typed, phrases) {
  let best = 0;
  for (const phrase of phrases) if (phrase.size > best && phraseMatches(typed, phrase)) best = phrase.size;
  return best;
}

// The situations of the search-index data, with their phrases compiled once.
export function buildSituations(data) {
  const groups = {};
  for (const [name, words] of Object.entries(data.groups || {})) groups[name] = compileGroup(words);
  return (data.situations || []).map((situation) => ({
    ...situation, compiled: situation.phrases.map((text) => compilePhrase(text, groups)),
  }));
}

// The situations a query names, strongest first; at equal strength urgent ones first.
export function matching(situations, query) {
  const typed = tokens(query);
  const scored = [];
  situations.forEach((situation, number) => {
    const score = strength(typed, situation.compiled);
    if (score > 0) scored.push([score, number, situation]);
  });
  scored.sort((a, b) => b[0] - a[0] || (a[2].urgent === b[2].urgent ? 0 : a[2].urgent ? -1 : 1) || a[1] - b[1]);
  return scored.map((item) => item[2]);
}

// The helplines of every urgent situation among these, each once, most fitting first.
export function urgentHelplines(situations) {
  const slugs = [];
  for (const situation of situations) {
    if (situation.urgent) for (const slug of situation.helplines) if (!slugs.includes(slug)) slugs.push(slug);
  }
  return slugs;
}

// The measures of the named situations, in order, each once, with why each fits: Map slug → why.
export function leading(situations, keep) {
  const why = new Map();
  for (const situation of situations) {
    for (const [slug, reason] of situation.fits) if (!why.has(slug) && (!keep || keep(slug))) why.set(slug, reason);
  }
  return why;
}
