// Search, in the browser: a line-by-line port of server/search.py (and of the rules in
// server/filters.py), so a query gives the same measures in the same order offline as on the
// server. tests/search_cases.yaml runs both. Scoring: per query word, the best match over the
// word and its alternatives (synonyms and glossary expansions): exact 1.0, prefix 0.8, one typo
// 0.5 (words of 5+ letters), a typo in a prefix 0.4; times the field weight and the term's rarity
// (idf). Summed over the words, times the share of query words a measure matched.

// Heaviest first: a term's first posting for a measure carries its best weight (see build).
const FIELDS = [["title", 3], ["name", 3], ["terms", 2], ["summary", 1.5], ["group", 1], ["description", 1]];
const EXACT = 1.0, PREFIX = 0.8, FUZZY = 0.5, FUZZY_PREFIX = 0.4, ALTERNATIVE = 0.8;
const MIN_PREFIX = 2, MIN_FUZZY = 5, MAX_RESULTS = 50, MIN_SUGGEST = 3, MAX_SUGGESTIONS = 5;
const STOPWORDS = new Set(("og i til for pa med en et ei av som er det de du jeg vi meg min mitt mine hvor hva " +
  "hvordan kan om at har den fra eller skal ikke mitt noe sin seg nar vil").split(" "));
const NON_ASCII = /[^\x00-\x7f]/g;

// A value from a plain object by a key someone typed: only the object's own keys, so a word
// like «constructor» does not reach Object.prototype (issue 19: it threw and froze the search).
const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);

export function fold(text) {
  const folded = text.toLowerCase().replace(/[æå]|a[ae]/g, "a").replace(/ø|oe/g, "o").replace(/ł/g, "l");
  return /[^\x00-\x7f]/.test(folded) ? folded.normalize("NFKD").replace(NON_ASCII, "") : folded;
}

export function tokens(text) {
  return fold(text).match(/[a-z0-9]+/g) || [];
}

export function withinOneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

function bisectLeft(sorted, value, low = 0) {
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1; else high = middle;
  }
  return low;
}

// Build the index from /api/v1/municipalities/{slug}/search-index: the same fields the server
// indexes. A term's postings are a flat array [document, weight, document, weight, …].
export function buildIndex(data) {
  const postings = new Map();
  data.documents.forEach((document, number) => {
    for (const [field, weight] of FIELDS) {
      for (const term of tokens(document[field] || "")) {
        const found = postings.get(term);
        if (!found) postings.set(term, [number, weight]);
        else if (found[found.length - 2] !== number) found.push(number, weight); // else from a heavier field
      }
    }
  });
  const terms = [...postings.keys()].sort();
  return { documents: data.documents, postings, terms, synonyms: data.synonyms, expansions: data.expansions, steps: data.steps };
}

export function startingWith(index, prefix) {
  const start = bisectLeft(index.terms, prefix);
  return index.terms.slice(start, bisectLeft(index.terms, prefix + "\x7f", start));
}

function matches(index, word) {
  const found = new Map();
  if (index.postings.has(word)) found.set(word, EXACT);
  if (word.length >= MIN_PREFIX) {
    for (const term of startingWith(index, word)) if (!found.has(term)) found.set(term, PREFIX);
  }
  if (word.length >= MIN_FUZZY) {
    for (const term of startingWith(index, word[0])) {
      if (found.has(term)) continue;
      if (withinOneEdit(word, term)) found.set(term, FUZZY);
      else if (term.length > word.length + 1 &&
        (withinOneEdit(word, term.slice(0, word.length)) || withinOneEdit(word, term.slice(0, word.length + 1)))) {
        found.set(term, FUZZY_PREFIX);
      }
    }
  }
  return found;
}

export function queryWords(query) {
  const words = tokens(query);
  const meaningful = words.filter((word) => !STOPWORDS.has(word));
  return meaningful.length ? meaningful : words;
}

// Documents with scores, best first: [{document, score}]; keep(document) filters before the cut.
export function rank(index, query, keep = null) {
  const words = queryWords(query);
  if (!words.length) return [];
  const totals = new Map(), matched = new Map();
  const count = index.documents.length;
  for (const word of words) {
    const extra = [...(own(index.synonyms, word) || []), ...(own(index.expansions, word) || [])];
    const alternatives = [[word, 1.0], ...extra.filter((alt) => alt !== word).map((alt) => [alt, ALTERNATIVE])];
    const best = new Map();
    for (const [alternative, weight] of alternatives) {
      for (const [term, quality] of matches(index, alternative)) {
        const documents = index.postings.get(term);
        const idf = Math.floor(Math.log(1 + count / (documents.length / 2)) * 1e9 + 0.5) / 1e9; // see idf in search.py
        for (let i = 0; i < documents.length; i += 2) {
          const score = weight * quality * documents[i + 1] * idf;
          if (score > (best.get(documents[i]) || 0)) best.set(documents[i], score);
        }
      }
    }
    for (const [document, score] of best) {
      totals.set(document, (totals.get(document) || 0) + score);
      matched.set(document, (matched.get(document) || 0) + 1);
    }
  }
  const scored = [];
  for (const [number, total] of totals) {
    const document = index.documents[number];
    if (!keep || keep(document)) scored.push({ document, score: (total * matched.get(number)) / words.length });
  }
  scored.sort((a, b) => b.score - a.score || (a.document.slug < b.document.slug ? -1 : a.document.slug > b.document.slug ? 1 : 0));
  return scored.slice(0, MAX_RESULTS);
}

function sharedStart(a, b) {
  let length = 0;
  while (length < Math.min(a.length, b.length) && a[length] === b[length]) length++;
  return length;
}

// Index terms spelled close to a word that found nothing; see close_terms in server/suggestions.py.
function closeTerms(index, word) {
  if (word.length < MIN_SUGGEST) return [];
  const terms = index.terms;
  const close = new Set(startingWith(index, word[0]).filter((term) => withinOneEdit(word, term)));
  const position = bisectLeft(terms, word);
  const shared = Math.max(0, ...[position - 1, position].filter((i) => i >= 0 && i < terms.length).map((i) => sharedStart(word, terms[i])));
  const candidates = new Set([...close, ...(shared >= MIN_SUGGEST ? startingWith(index, word.slice(0, shared)) : [])]);
  const key = (term) => [close.has(term) ? 0 : 1, Math.abs(term.length - word.length), -index.postings.get(term).length];
  return [...candidates].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || (a < b ? -1 : a > b ? 1 : 0);
  });
}

// A term as the texts write it ("støttekontakt", not the folded "stottekontakt").
function spelling(index, term) {
  const document = index.documents[index.postings.get(term)[0]];
  for (const [field] of FIELDS) {
    for (const word of (document[field] || "").match(/[\p{L}\p{N}]+/gu) || []) {
      if (fold(word) === term) return word === word.toUpperCase() && word !== word.toLowerCase() ? word : word.toLowerCase();
    }
  }
  return term;
}

// Words to offer ("Mente du …?") when a query found nothing: up to three per query word, none
// for a real word (known: a Set of the situations' words), as suggestions in server/suggestions.py.
export function suggestions(index, query, known = new Set()) {
  const found = [];
  for (const word of queryWords(query)) {
    if (known.has(word)) continue;
    for (const term of closeTerms(index, word).slice(0, 3)) {
      const spelled = spelling(index, term);
      if (!found.includes(spelled)) found.push(spelled);
    }
  }
  return found.slice(0, MAX_SUGGESTIONS);
}

// The filters of server/filters.py: {age: "6-12", audience: "foreldre", topic: "rus", open: true}.
const AGES = { "0-5": [0, 5], "6-12": [6, 12], "13-17": [13, 17], "18-25": [18, 25] };
const AUDIENCES = { "barn-og-unge": ["barn", "ungdom"], foreldre: ["foreldre"], gravide: ["gravide"], ansatte: ["ansatte"] };

export function accepts(filters, document) {
  const ages = own(AGES, filters.age);
  if (ages) {
    const from = document.age_from || 0, to = document.age_to == null ? 30 : document.age_to;
    if (to < ages[0] || from > ages[1]) return false;
  }
  const audiences = own(AUDIENCES, filters.audience);
  if (audiences && !audiences.some((audience) => document.audience.includes(audience))) return false;
  if (filters.topic && !document.topics.includes(filters.topic)) return false;
  return !(filters.open && !["open", "contact"].includes(document.access));
}
