// Search, in the browser: a line-by-line port of server/search.py, so a query gives the same
// measures in the same order offline as on the server. tests/search_cases.yaml runs both.
// Scoring: per query word, the best match over the word and its alternatives (synonyms and
// glossary expansions): exact 1.0, prefix 0.8, one typo 0.5 (words of 5+ letters), a typo in
// a prefix 0.4; times the field weight and the term's rarity (idf). Summed over the words,
// times the share of query words a measure matched.

const FIELD_WEIGHTS = { title: 3, name: 3, terms: 2, summary: 1.5, group: 1, description: 1 };
const EXACT = 1.0, PREFIX = 0.8, FUZZY = 0.5, FUZZY_PREFIX = 0.4, ALTERNATIVE = 0.8;
const MIN_PREFIX = 2, MIN_FUZZY = 5, MAX_RESULTS = 50;
const STOPWORDS = new Set(("og i til for pa med en et ei av som er det de du jeg vi meg min mitt mine hvor hva " +
  "hvordan kan om at har den fra eller skal ikke mitt noe sin seg nar vil").split(" "));
const FOLDS = [["æ", "ae"], ["ø", "o"], ["å", "a"], ["aa", "a"], ["oe", "o"], ["ae", "a"]];

export function fold(text) {
  let folded = text.toLowerCase();
  for (const [source, target] of FOLDS) folded = folded.split(source).join(target);
  return folded.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
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

function bisectLeft(sorted, value) {
  let low = 0, high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1; else high = middle;
  }
  return low;
}

// Build the index from /api/v1/municipalities/{slug}/search-index: the same fields the server indexes.
export function buildIndex(data) {
  const postings = new Map();
  data.documents.forEach((document, number) => {
    for (const field of Object.keys(FIELD_WEIGHTS)) {
      for (const term of tokens(document[field] || "")) {
        let documents = postings.get(term);
        if (!documents) postings.set(term, (documents = new Map()));
        documents.set(number, Math.max(documents.get(number) || 0, FIELD_WEIGHTS[field]));
      }
    }
  });
  const terms = [...postings.keys()].sort();
  return { documents: data.documents, postings, terms, synonyms: data.synonyms, expansions: data.expansions };
}

function startingWith(index, prefix) {
  return index.terms.slice(bisectLeft(index.terms, prefix), bisectLeft(index.terms, prefix + "\x7f"));
}

function matches(index, word) {
  const found = new Map();
  if (index.postings.has(word)) found.set(word, EXACT);
  if (word.length >= MIN_PREFIX) {
    for (let i = bisectLeft(index.terms, word); i < index.terms.length && index.terms[i].startsWith(word); i++) {
      if (!found.has(index.terms[i])) found.set(index.terms[i], PREFIX);
    }
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

// Documents with scores, best first: [{document, score}].
export function rank(index, query) {
  const words = queryWords(query);
  if (!words.length) return [];
  const totals = new Map(), matched = new Map();
  const count = index.documents.length;
  for (const word of words) {
    const extra = [...(index.synonyms[word] || []), ...(index.expansions[word] || [])];
    const alternatives = [[word, 1.0], ...extra.filter((alt) => alt !== word).map((alt) => [alt, ALTERNATIVE])];
    const best = new Map();
    for (const [alternative, weight] of alternatives) {
      for (const [term, quality] of matches(index, alternative)) {
        const documents = index.postings.get(term);
        const idf = Math.log(1 + count / documents.size);
        for (const [document, fieldWeight] of documents) {
          const score = weight * quality * fieldWeight * idf;
          if (score > (best.get(document) || 0)) best.set(document, score);
        }
      }
    }
    for (const [document, score] of best) {
      totals.set(document, (totals.get(document) || 0) + score);
      matched.set(document, (matched.get(document) || 0) + 1);
    }
  }
  const scored = [...totals].map(([document, total]) => ({
    document: index.documents[document],
    score: (total * matched.get(document)) / words.length,
  }));
  scored.sort((a, b) => b.score - a.score || (a.document.slug < b.document.slug ? -1 : a.document.slug > b.document.slug ? 1 : 0));
  return scored.slice(0, MAX_RESULTS);
}
