/**
 * Near-duplicate matching, measured: a synthetic corpus of originals with planted variants (word
 * edits, truncations, reordered sentences, added hashtags and links), fragments of a dozen words or
 * more as outlets quote them, and stock phrases shared by distinct messages, clustered
 * incrementally. Prints, per configuration, recall on pairs with true Jaccard ≥ 0.8, the share of
 * fragments found in their message's cluster, pair precision, and items/s.
 *   npm run bench:dedup [-- --items 100000]
 */
import { parseArgs } from 'node:util';
import { type ClusterConfig, Clusterer, DEFAULT_CLUSTER_CONFIG } from '../src/match/minhash/clusterer.js';
import { DEFAULT_CONTAINMENT_CONFIG } from '../src/match/minhash/containment.js';
import { jaccard, matchWords, shingleHashes } from '../src/match/minhash/shingles.js';

const { values } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, all: { type: 'boolean', default: false } },
});
const target = Number(values.items);

let seed = 12345;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const syll = [
  'ka',
  'ro',
  'mi',
  'ten',
  'ul',
  'sha',
  'vor',
  'ne',
  'di',
  'lo',
  'ram',
  'ets',
  'bi',
  'gu',
  'an',
  'per',
  'zo',
  'fi',
  'mar',
  'os',
];
const vocab = Array.from({ length: 8000 }, () =>
  Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => syll[Math.floor(rnd() * syll.length)]).join(''),
);
const word = () => vocab[Math.floor(rnd() * vocab.length)] as string;

// Stock phrases (sign-offs, slogans) that many distinct messages repeat: they must not join them.
const stock = Array.from({ length: 20 }, () => Array.from({ length: 7 }, word).join(' '));

function original(): string {
  const sentences = 2 + Math.floor(rnd() * 3);
  const parts = Array.from(
    { length: sentences },
    () => `${Array.from({ length: 6 + Math.floor(rnd() * 12) }, word).join(' ')}.`,
  );
  if (rnd() < 0.3)
    parts.splice(Math.floor(rnd() * parts.length), 0, `${stock[Math.floor(rnd() * stock.length)]}.`);
  return parts.join(' ');
}

/** A contiguous piece of a dozen or more words, as an outlet quotes it, with a word changed at times. */
function fragment(text: string): string {
  const words = text.split(' ');
  const length = Math.min(words.length, 12 + Math.floor(rnd() * 10));
  const start = Math.floor(rnd() * (words.length - length + 1));
  return words
    .slice(start, start + length)
    .map((w) => (rnd() < 0.04 ? word() : w))
    .join(' ');
}
function variant(text: string): string {
  const kind = Math.floor(rnd() * 5);
  if (kind === 0)
    return text
      .split(' ')
      .map((w) => (rnd() < 0.05 ? word() : w))
      .join(' ');
  if (kind === 1) {
    const words = text.split(' ');
    return words.slice(0, Math.ceil(words.length * (0.85 + rnd() * 0.1))).join(' ');
  }
  if (kind === 2) {
    const parts = text.split('. ');
    for (let i = parts.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
    }
    return parts.join('. ');
  }
  if (kind === 3) return `${text} #${word()} #${word()}`;
  return `${text} https://example.org/${word()} via @${word()}`;
}

interface Doc {
  text: string;
  family: number;
  fragment?: boolean;
}
const docs: Doc[] = [];
const bases: string[] = [];
for (let family = 0; docs.length < target; family++) {
  // One original in five shares boilerplate with an earlier one (about half its words): a distinct
  // message that must not be merged with it.
  const sibling =
    bases.length > 0 && rnd() < 0.2 ? (bases[Math.floor(rnd() * bases.length)] as string) : null;
  const base = sibling
    ? sibling
        .split(' ')
        .map((w) => (rnd() < 0.5 ? word() : w))
        .join(' ')
    : original();
  bases.push(base);
  docs.push({ text: base, family });
  const n = rnd() < 0.5 ? 0 : 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) docs.push({ text: variant(base), family });
  if (rnd() < 0.15) docs.push({ text: fragment(base), family, fragment: true });
}
// Arrival order is shuffled, as reposts come after and between originals.
for (let i = docs.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [docs[i], docs[j]] = [docs[j] as Doc, docs[i] as Doc];
}
docs.length = target;

function run(config: ClusterConfig) {
  const clusterer = new Clusterer(config);
  const assigned = new Int32Array(docs.length);
  const started = performance.now();
  docs.forEach((d, i) => {
    assigned[i] = clusterer.add({ itemId: i, quoteIndex: null, text: d.text }).assignment.clusterId;
  });
  const seconds = (performance.now() - started) / 1000;
  const cluster = Int32Array.from(assigned, (c) => clusterer.resolve(c));
  // Pair precision over predicted clusters.
  const byCluster = new Map<number, number[]>();
  cluster.forEach((c, i) => {
    const list = byCluster.get(c);
    if (list) list.push(i);
    else byCluster.set(c, [i]);
  });
  let predicted = 0;
  let correct = 0;
  for (const members of byCluster.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        predicted++;
        if (docs[members[a] as number]?.family === docs[members[b] as number]?.family) correct++;
      }
    }
  }
  // Recall over true pairs with Jaccard ≥ 0.8 (within families).
  const byFamily = new Map<number, number[]>();
  docs.forEach((d, i) => {
    const list = byFamily.get(d.family);
    if (list) list.push(i);
    else byFamily.set(d.family, [i]);
  });
  let truePairs = 0;
  let found = 0;
  for (const members of byFamily.values()) {
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const x = members[a] as number;
        const y = members[b] as number;
        const j = jaccard(
          shingleHashes(matchWords((docs[x] as Doc).text), config.shingleSize),
          shingleHashes(matchWords((docs[y] as Doc).text), config.shingleSize),
        );
        if (j < 0.8) continue;
        truePairs++;
        if (cluster[x] === cluster[y]) found++;
      }
    }
  }
  // Fragments found: in the cluster of their family's other texts (the family's largest cluster).
  let fragments = 0;
  let fragmentsFound = 0;
  for (const members of byFamily.values()) {
    const counts = new Map<number, number>();
    for (const i of members)
      if (!docs[i]?.fragment) counts.set(cluster[i] as number, (counts.get(cluster[i] as number) ?? 0) + 1);
    const home = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const i of members) {
      if (!docs[i]?.fragment || home === undefined) continue;
      fragments++;
      if (cluster[i] === home) fragmentsFound++;
    }
  }
  return {
    bench: 'dedup',
    items: docs.length,
    ...config,
    recall_at_jaccard_0_8: Number((found / Math.max(1, truePairs)).toFixed(4)),
    pair_precision: Number((correct / Math.max(1, predicted)).toFixed(4)),
    true_pairs: truePairs,
    fragment_recall: Number((fragmentsFound / Math.max(1, fragments)).toFixed(4)),
    fragments,
    items_per_second: Math.round(docs.length / seconds),
  };
}

const configs: ClusterConfig[] = values.all
  ? [
      { shingleSize: 2, bands: 32, rows: 4, threshold: 0.5 },
      { shingleSize: 3, bands: 32, rows: 4, threshold: 0.5 },
      { shingleSize: 3, bands: 32, rows: 4, threshold: 0.6 },
      { shingleSize: 3, bands: 16, rows: 8, threshold: 0.5 },
      { shingleSize: 4, bands: 32, rows: 4, threshold: 0.5 },
      { shingleSize: 3, bands: 64, rows: 2, threshold: 0.5 },
      DEFAULT_CLUSTER_CONFIG,
      { ...DEFAULT_CLUSTER_CONFIG, containment: null },
      {
        ...DEFAULT_CLUSTER_CONFIG,
        containment: { ...DEFAULT_CONTAINMENT_CONFIG, threshold: 0.5, minShared: 5 },
      },
      { ...DEFAULT_CLUSTER_CONFIG, containment: { ...DEFAULT_CONTAINMENT_CONFIG, threshold: 0.7 } },
    ]
  : [DEFAULT_CLUSTER_CONFIG];
for (const c of configs) console.log(JSON.stringify(run(c)));
