/*
 * `yarn bench:parser`: parseSpec against a full mdast parse (unified + remark-parse + remark-gfm +
 * remark-frontmatter, what a typical Backstage plugin would do) and a bare line-scan floor, on one
 * deterministic corpus of 10,000 specs, in one run. Prints a table and writes
 * bench/results/parser-<date>.json.
 *
 * Env: BENCH_DOCS (10000), BENCH_SEED (42).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSpec } from '../../plugins/infra-specs-common/src/parser/parseSpec';
import { generateCorpus } from './corpus';

const DOCS = Number(process.env.BENCH_DOCS ?? 10000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const ROOT = resolve(__dirname, '..', '..');

interface Row {
  name: string;
  ms: number;
  docsPerSecond: number;
  mbPerSecond: number;
}

type Parser = { name: string; fn: (doc: string) => unknown };

/**
 * Times every parser over the whole corpus, interleaved chunk by chunk: on a shared machine the
 * load changes over minutes, and interleaving makes each parser see the same load.
 */
function measure(parsers: Parser[], docs: string[], bytes: number): Row[] {
  const CHUNK = 250;
  // Warm-up: let the JIT settle on a slice of the corpus before timing.
  for (const { fn } of parsers) for (let i = 0; i < Math.min(docs.length, 1000); i++) fn(docs[i]);
  const totals = parsers.map(() => 0);
  let sink = 0;
  for (let start = 0; start < docs.length; start += CHUNK) {
    const chunk = docs.slice(start, start + CHUNK);
    parsers.forEach(({ fn }, p) => {
      const started = performance.now();
      for (const doc of chunk) if (fn(doc)) sink++;
      totals[p] += performance.now() - started;
    });
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return parsers.map(({ name }, p) => ({
    name,
    ms: Math.round(totals[p]),
    docsPerSecond: Math.round((docs.length / totals[p]) * 1000),
    mbPerSecond: Math.round((bytes / 1048576 / (totals[p] / 1000)) * 100) / 100,
  }));
}

async function main() {
  const docs = generateCorpus(DOCS, SEED);
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
  const sizes = docs.map(d => d.length).sort((a, b) => a - b);
  console.log(
    `Corpus: ${docs.length} specs, ${(bytes / 1048576).toFixed(1)} MB (median ${sizes[sizes.length >> 1]} chars, max ${sizes[sizes.length - 1]})`,
  );

  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const remark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

  const LINE = /^(?:#{1,6}\s|\s*[-*+] \[[ xX]\]|\s*\||\*\*[^*]+\*\*:)/;
  const lineScan = (doc: string) => {
    let hits = 0;
    for (const line of doc.split('\n')) if (LINE.test(line)) hits++;
    return hits;
  };

  const rows = measure(
    [
      { name: 'parseSpec', fn: doc => parseSpec(doc).id },
      { name: 'remark (unified + remark-parse + gfm + frontmatter)', fn: doc => remark.parse(doc).children.length },
      { name: 'line scan (split + 1 regex per line)', fn: lineScan },
    ],
    docs,
    bytes,
  );
  const [parser, remarkRow, scan] = rows;
  const ratios = {
    parseSpecVsRemark: Math.round((parser.docsPerSecond / remarkRow.docsPerSecond) * 10) / 10,
    parseSpecVsLineScan: Math.round((parser.docsPerSecond / scan.docsPerSecond) * 100) / 100,
  };
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log();
  console.log(`${pad('parser', 54)} ${pad('ms', 8)} ${pad('docs/s', 9)} MB/s`);
  for (const r of rows) {
    console.log(`${pad(r.name, 54)} ${pad(String(r.ms), 8)} ${pad(String(r.docsPerSecond), 9)} ${r.mbPerSecond}`);
  }
  console.log();
  console.log(`parseSpec vs remark: ${ratios.parseSpecVsRemark}x (goal >= 10x, floor 5x)`);
  console.log(`parseSpec vs line scan: ${ratios.parseSpecVsLineScan}x`);
  console.log(
    `peak RSS: ${peakRssMb} MB, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    loadAverage: loadavg().map(l => Math.round(l * 100) / 100),
    corpus: { docs: docs.length, seed: SEED, megabytes: Math.round((bytes / 1048576) * 10) / 10 },
    rows,
    ratios,
    peakRssMb,
  };
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `parser-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
