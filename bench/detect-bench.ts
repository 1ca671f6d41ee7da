/**
 * Detector throughput on one core: posts of up to 280 characters and 3,000-character articles
 * with quotes, drawn from the functional suite and the sample articles (both frozen). Prints posts/s and articles/s,
 * per wall-clock and per CPU second, with the machine's load average when each run ended.
 *   npm run bench:detect
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readEvalCsv } from '../src/analyze/evaluation.js';
import { loadDefaultDetector } from '../src/analyze/load.js';
import { LANGID_CASES } from './langid-cases.js';

const ROOT = join(import.meta.dirname, '..');
const detector = loadDefaultDetector();

// Posts of 200–280 characters: functional-suite texts (a frozen input, unlike the training corpus,
// so figures stay comparable as the corpus changes) joined until the next would pass 280.
const corpus = readEvalCsv(join(ROOT, 'test/functional/cases.csv')).map((c) => c.text);
const posts: string[] = [];
for (let i = 0; posts.length < 500; i++) {
  let post = corpus[i % corpus.length] as string;
  for (let k = 1; ; k++) {
    const next = corpus[(i * 31 + k * 17) % corpus.length] as string;
    if (post.length + next.length + 1 > 280) break;
    post += ` ${next}`;
  }
  posts.push(post);
}
const paragraphs = ['eastbrook-herald.txt', 'channel-report.md'].flatMap((f) =>
  readFileSync(join(ROOT, 'samples/news', f), 'utf8')
    .split(/\n\s*\n/)
    .filter((p) => p.length > 60 && !/^(date|url|source|title)\b/i.test(p)),
);
const articles: string[] = [];
for (let i = 0; articles.length < 200; i++) {
  let article = '';
  for (let k = 0; article.length < 3000; k++) article += `${paragraphs[(i + k * 7) % paragraphs.length]}\n\n`;
  articles.push(article.slice(0, 3000));
}

function measure(label: string, texts: string[], seconds: number, platform: string | null) {
  for (const t of texts.slice(0, 50)) detector.analyze({ text: t, platform }); // warm-up
  let n = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    detector.analyze({ text: texts[n % texts.length] as string, platform });
    n++;
  }
  const elapsed = (performance.now() - started) / 1000;
  // On a shared machine the wall clock counts other processes' turns too; CPU time does not.
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  console.log(
    JSON.stringify({
      bench: 'detect',
      input: label,
      avg_chars: Math.round(chars),
      items: n,
      seconds: Number(elapsed.toFixed(2)),
      per_second: Math.round(n / elapsed),
      per_cpu_second: Math.round(n / cpuSeconds),
      load_average_1m: Number(loadavg()[0]?.toFixed(2)),
      model: detector.modelId,
    }),
  );
}

// Arabic posts of 200–280 characters: the synthetic Arabic sentences of the language-identification
// set joined the same way, some written with tashkeel, for the Arabic pack's throughput.
const arabicSentences = LANGID_CASES.filter((c) => c.lang === 'ar').map((c) => c.text);
const arabicPosts: string[] = [];
for (let i = 0; arabicPosts.length < 200; i++) {
  let post = arabicSentences[i % arabicSentences.length] as string;
  for (let k = 1; ; k++) {
    const next = arabicSentences[(i * 7 + k * 5) % arabicSentences.length] as string;
    if (post.length + next.length + 2 > 280) break;
    post += `، ${next}`;
  }
  arabicPosts.push(i % 3 === 0 ? post.replace(/([\u0628-\u064a])/g, '$1\u064e') : post);
}

measure('posts<=280', posts, 5, null);
measure('arabic posts<=280', arabicPosts, 5, null);
measure('articles~3000', articles, 5, 'news');
