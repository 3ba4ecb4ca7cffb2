/*
 * `yarn bench:parser`: parseSpec against a full mdast parse (unified + remark-parse + remark-gfm +
 * remark-frontmatter, what a typical Backstage plugin would do) and a bare line-scan floor, on one
 * deterministic corpus of 10,000 specs, in one run; then markdownToPlainText on hostile input at
 * n and 2n characters (hostile.ts). Prints tables and writes bench/results/parser-<date>.json.
 *
 * Env: BENCH_DOCS (10000; 0 runs only the hostile input), BENCH_SEED (42),
 * BENCH_HOSTILE_CHARS (n, 400000).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSpec } from '../../plugins/infra-specs-common/src/parser/parseSpec';
import { generateCorpus } from './corpus';
import { measureHostile, type HostilePair } from './hostile';

const DOCS = Number(process.env.BENCH_DOCS ?? 10000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const HOSTILE_CHARS = Number(process.env.BENCH_HOSTILE_CHARS ?? 400000);
const ROOT = resolve(__dirname, '..', '..');

interface Row {
  name: string;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  /** From CPU time. */
  docsPerSecond: number;
  /** From CPU time. */
  mbPerSecond: number;
  /** From wall-clock time. */
  wallDocsPerSecond: number;
}

type Parser = { name: string; fn: (doc: string) => unknown };

/**
 * Times every parser over the whole corpus, one after the other in the given order, each after a
 * warm-up. CPU time (user + system of this process) is the measure: on a shared machine the wall
 * clock depends on what else runs, CPU time much less. No forced collection in between: a forced
 * full GC shrinks the young generation and slows whatever runs next; the parser that allocates
 * the most (remark) runs last instead, so that its garbage is collected on its own time.
 */
function measure(parsers: Parser[], docs: string[], bytes: number): Row[] {
  const wall = parsers.map(() => 0);
  const cpu = parsers.map(() => 0);
  let sink = 0;
  parsers.forEach(({ fn }, p) => {
    // Warm-up: let the JIT settle on a slice of the corpus before timing.
    for (let i = 0; i < Math.min(docs.length, 1000); i++) fn(docs[i]);
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const doc of docs) if (fn(doc)) sink++;
    wall[p] = performance.now() - started;
    const used = process.cpuUsage(cpuStart);
    cpu[p] = (used.user + used.system) / 1000;
  });
  if (sink < 0) console.log(sink); // keep the results alive
  const megabytes = bytes / 1048576;
  return parsers.map(({ name }, p) => ({
    name,
    ms: Math.round(wall[p]),
    cpuMs: Math.round(cpu[p]),
    docsPerSecond: Math.round((docs.length / cpu[p]) * 1000),
    mbPerSecond: Math.round((megabytes / (cpu[p] / 1000)) * 100) / 100,
    wallDocsPerSecond: Math.round((docs.length / wall[p]) * 1000),
  }));
}

function printHostile(pairs: HostilePair[]) {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log();
  console.log(
    `${pad('hostile input', 30)} ${pad('converter', 36)} ${pad('n', 8)} ${pad(
      'cpu ms',
      8,
    )} ${pad('2n', 8)} ${pad('cpu ms', 8)} 2n/n`,
  );
  for (const { name, converter, ratio, rows } of pairs) {
    console.log(
      `${pad(name, 30)} ${pad(converter, 36)} ${pad(rows[0].chars, 8)} ${pad(
        rows[0].cpuMs,
        8,
      )} ${pad(rows[1].chars, 8)} ${pad(rows[1].cpuMs, 8)} ${ratio}`,
    );
  }
  console.log('(2n/n about 2: linear; about 4: quadratic)');
}

async function main() {
  if (DOCS === 0) {
    const hostile = measureHostile(HOSTILE_CHARS, 10000);
    printHostile(hostile);
    writeResult('parser-hostile', {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverage: loadavg().map(l => Math.round(l * 100) / 100),
      hostile,
    });
    return;
  }
  const docs = generateCorpus(DOCS, SEED);
  const bytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d), 0);
  const sizes = docs.map(d => d.length).sort((a, b) => a - b);
  console.log(
    `Corpus: ${docs.length} specs, ${(bytes / 1048576).toFixed(1)} MB (median ${
      sizes[sizes.length >> 1]
    } chars, max ${sizes[sizes.length - 1]})`,
  );

  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const remark = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .freeze();

  const LINE = /^(?:#{1,6}\s|\s*[-*+] \[[ xX]\]|\s*\||\*\*[^*]+\*\*:)/;
  const lineScan = (doc: string) => {
    let hits = 0;
    for (const line of doc.split('\n')) if (LINE.test(line)) hits++;
    return hits;
  };

  const [parser, scan, remarkRow] = measure(
    [
      { name: 'parseSpec', fn: doc => parseSpec(doc).id },
      { name: 'line scan (split + 1 regex per line)', fn: lineScan },
      {
        name: 'remark (unified + remark-parse + gfm + frontmatter)',
        fn: doc => remark.parse(doc).children.length,
      },
    ],
    docs,
    bytes,
  );
  const rows = [parser, remarkRow, scan];
  const ratio = (a: number, b: number, digits: number) =>
    Math.round((a / b) * 10 ** digits) / 10 ** digits;
  const ratios = {
    parseSpecVsRemark: ratio(parser.docsPerSecond, remarkRow.docsPerSecond, 1),
    parseSpecVsLineScan: ratio(parser.docsPerSecond, scan.docsPerSecond, 3),
    parseSpecVsRemarkWallClock: ratio(
      parser.wallDocsPerSecond,
      remarkRow.wallDocsPerSecond,
      1,
    ),
  };
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log();
  console.log(
    `${pad('parser', 54)} ${pad('cpu ms', 8)} ${pad('docs/s', 8)} ${pad(
      'MB/s',
      8,
    )} ${pad('wall ms', 8)} wall docs/s`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.name, 54)} ${pad(r.cpuMs, 8)} ${pad(r.docsPerSecond, 8)} ${pad(
        r.mbPerSecond,
        8,
      )} ${pad(r.ms, 8)} ${r.wallDocsPerSecond}`,
    );
  }
  console.log(
    '(docs/s and MB/s from CPU time; wall-clock time is shown too, it depends on the load of the machine)',
  );
  console.log();
  console.log(
    `parseSpec vs remark: ${ratios.parseSpecVsRemark}x (goal >= 10x, floor 5x); wall clock ${ratios.parseSpecVsRemarkWallClock}x`,
  );
  console.log(`parseSpec vs line scan: ${ratios.parseSpecVsLineScan}x`);
  console.log(
    `peak RSS: ${peakRssMb} MB, Node ${process.version}, ${
      cpus().length
    } CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  const hostile = measureHostile(HOSTILE_CHARS, 10000);
  printHostile(hostile);

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    loadAverage: loadavg().map(l => Math.round(l * 100) / 100),
    corpus: {
      docs: docs.length,
      seed: SEED,
      megabytes: Math.round((bytes / 1048576) * 10) / 10,
    },
    rows,
    ratios,
    hostile,
    peakRssMb,
  };
  writeResult('parser', result);
}

function writeResult(name: string, result: { date: string }) {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${result.date.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
