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

function wordMatches(typed, word, stem) {
  if (stem) return typed.startsWith(word);
  if (typed === word) return true;
  return word.length >= MIN_FUZZY && typed[0] === word[0] && withinOneEdit(typed, word);
}

// Every situation's phrases compiled once: atoms (distinct phrase words, filed by first letter),
// slots (alternatives of atoms) and phrases (parts of slots); see Matcher in matching.py.
function buildMatcher(situations, groups) {
  const atoms = [], atomIds = new Map(), byLetter = new Map(), atomSlots = [];
  const slots = [], slotIds = new Map(), byAnchor = new Map();
  const atom = ([word, stem]) => {
    const key = `${word}\u0000${stem}`;
    if (!atomIds.has(key)) {
      atomIds.set(key, atoms.length);
      atoms.push([word, stem]);
      atomSlots.push([]);
      const letter = word.slice(0, 1);
      if (!byLetter.has(letter)) byLetter.set(letter, []);
      byLetter.get(letter).push(atomIds.get(key));
    }
    return atomIds.get(key);
  };
  const slot = (ids) => {
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    const key = sorted.join(",");
    if (!slotIds.has(key)) {
      slotIds.set(key, slots.length);
      slots.push(sorted);
      for (const id of sorted) atomSlots[id].push(slotIds.get(key));
    }
    return slotIds.get(key);
  };
  const groupSlots = new Map();
  for (const [name, words] of Object.entries(groups)) groupSlots.set(name, slot(words.flatMap((text) => compileWords(text)).map(atom)));
  const phrases = situations.map((texts, situation) => texts.map((text, number) => {
    const parts = [];
    for (const part of text.split("+")) {
      const partSlots = [];
      for (const item of part.split(/\s+/).filter(Boolean)) {
        if (item.startsWith("@")) partSlots.push(groupSlots.has(item.slice(1)) ? groupSlots.get(item.slice(1)) : slot([]));
        else compileWords(item).forEach((word) => partSlots.push(slot([atom(word)])));
      }
      if (partSlots.length) parts.push(partSlots);
    }
    if (parts.length) {
      if (!byAnchor.has(parts[0][0])) byAnchor.set(parts[0][0], []);
      byAnchor.get(parts[0][0]).push([situation, number]);
    }
    return [parts.reduce((sum, part) => sum + part.length, 0), parts];
  }));
  return { atoms, byLetter, atomSlots, phrases, byAnchor };
}

function partMatches(part, ordered) {
  if (!part.every((slot) => ordered.has(slot))) return false;
  const places = part.map((slot) => ordered.get(slot));
  const rest = (after, index) => {
    if (index === places.length) return true;
    return places[index].some((p) => after < p && p <= after + MAX_GAP + 1 && rest(p, index + 1));
  };
  return places[0].some((start) => rest(start, 1));
}

// For each situation, the size of its largest phrase the query matches (0: none).
function strengths(matcher, query) {
  const typed = tokens(query);
  const at = new Map();
  typed.forEach((word, position) => {
    for (const id of matcher.byLetter.get(word.slice(0, 1)) || []) {
      const [text, stem] = matcher.atoms[id];
      if (wordMatches(word, text, stem)) {
        if (!at.has(id)) at.set(id, []);
        at.get(id).push(position);
      }
    }
  });
  const places = new Map();
  for (const [id, found] of at) {
    for (const slotId of matcher.atomSlots[id]) {
      if (!places.has(slotId)) places.set(slotId, new Set());
      found.forEach((p) => places.get(slotId).add(p));
    }
  }
  const ordered = new Map([...places].map(([slotId, found]) => [slotId, [...found].sort((a, b) => a - b)]));
  const best = matcher.phrases.map(() => 0);
  for (const slotId of ordered.keys()) {
    for (const [situation, number] of matcher.byAnchor.get(slotId) || []) {
      const [size, parts] = matcher.phrases[situation][number];
      if (size > best[situation] && parts.every((part) => partMatches(part, ordered))) best[situation] = size;
    }
  }
  return best;
}

// The situations of the search-index data, with their phrases compiled once.
export function buildSituations(data) {
  const situations = data.situations || [];
  const matcher = buildMatcher(situations.map((situation) => situation.phrases), data.groups || {});
  return { list: situations, matcher };
}

// The situations a query names, strongest first; at equal strength urgent ones first.
export function matching(situations, query) {
  const best = strengths(situations.matcher, query);
  const scored = [];
  situations.list.forEach((situation, number) => { if (best[number] > 0) scored.push([best[number], number, situation]); });
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
