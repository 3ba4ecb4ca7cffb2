import fs from 'node:fs';
import path from 'node:path';
import { parseSpec } from '@infra-specs/backstage-plugin-infra-specs-common';
import { changeSpec } from '../__testUtils__/testParser';
import { createSpecParser } from './createSpecParser';
import type { SpecParser } from './SpecParser';

// Worker threads load the sources through Backstage's node transform: the first start takes seconds.
jest.setTimeout(60_000);

const ADR = require.resolve('../__testUtils__/formats/adrFormat');
const HOSTILE = require.resolve('../__testUtils__/formats/hostileFormat');
const SEEDS = path.resolve(__dirname, '../../../../../shared/seeds');

function seedDocuments() {
  const found: Array<{ markdown: string; path: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) {
        found.push({
          markdown: fs.readFileSync(full, 'utf8'),
          path: path.relative(SEEDS, full),
        });
      }
    }
  };
  if (fs.existsSync(SEEDS)) walk(SEEDS);
  return found;
}

const specs = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    path: `specs/SPEC-${String(i + 1).padStart(4, '0')}.md`,
    markdown: changeSpec({
      id: `SPEC-${String(i + 1).padStart(4, '0')}`,
      title: `Change ${i + 1}`,
      status: i % 2 ? 'Approved' : 'Draft',
      cost: i,
    }),
  }));

describe('parsing in worker threads', () => {
  let parser: SpecParser | undefined;
  afterEach(async () => {
    await parser?.close();
    parser = undefined;
  });

  it('gives what the main thread gives, in order, across batches', async () => {
    parser = createSpecParser({ workers: 2 });
    expect(parser.workers).toBe(2);
    const documents = [...specs(100), ...seedDocuments()];
    const outcomes = await parser.parseMany(documents);
    expect(outcomes).toEqual(
      documents.map(d => ({
        document: parseSpec(d.markdown, { path: d.path }),
      })),
    );
  });

  it('parses formats added as modules the same in workers as on the main thread', async () => {
    const documents = [
      {
        path: 'ADR-0007.md',
        markdown:
          '# ADR-0007: Use Karpenter\n\n**ID**: ADR-0007\n**Status**: Accepted\n',
      },
      ...specs(3),
    ];
    parser = createSpecParser({ workers: 1, formatModules: [ADR] });
    const inWorkers = await parser.parseMany(documents);
    const onMain = createSpecParser({ workers: 0, formatModules: [ADR] });
    expect(onMain.workers).toBe(0);
    expect(inWorkers).toEqual(await onMain.parseMany(documents));
    expect(
      inWorkers.map(o => ('document' in o ? o.document.format : o.error)),
    ).toEqual([
      'adr',
      'infrastructure-change',
      'infrastructure-change',
      'infrastructure-change',
    ]);
    // The same id prefixes and fingerprint as the main thread's registry.
    expect(parser.fingerprint).toBe(onMain.fingerprint);
  });

  it('parses on the main thread when a format was added as an object', async () => {
    // eslint-disable-next-line import/no-dynamic-require
    const adr = require(ADR).default;
    parser = createSpecParser({ workers: 2, formats: [adr] });
    expect(parser.workers).toBe(0);
    const [outcome] = await parser.parseMany([
      { path: 'ADR-0001.md', markdown: '# ADR-0001: Use Karpenter\n' },
    ]);
    expect('document' in outcome && outcome.document.format).toBe('adr');
  });

  it('cuts off a document that takes too long, keeps the rest of its batch, and goes on with a new worker', async () => {
    parser = createSpecParser({
      workers: 1,
      timeoutMs: 1500,
      formatModules: [HOSTILE],
    });
    const documents = [
      ...specs(5),
      { path: 'specs/spin.md', markdown: '# Spin forever\n' },
      ...specs(40).slice(5),
    ];
    const outcomes = await parser.parseMany(documents);
    expect(outcomes[5]).toEqual({
      error: 'parsing took longer than infraSpecs.parsing.timeout (1500 ms)',
    });
    const others = outcomes.filter((_, i) => i !== 5);
    expect(
      others.every(
        o => 'document' in o && o.document.format === 'infrastructure-change',
      ),
    ).toBe(true);
    // The worker that spun was replaced: the pool still parses.
    const [after] = await parser.parseMany(specs(1));
    expect('document' in after && after.document.id).toBe('SPEC-0001');
  });

  it('turns a worker that dies into an error for its document only', async () => {
    parser = createSpecParser({ workers: 2, formatModules: [HOSTILE] });
    const outcomes = await parser.parseMany([
      ...specs(3),
      { path: 'specs/crash.md', markdown: '# Crash the worker\n' },
    ]);
    expect(outcomes.slice(0, 3).every(o => 'document' in o)).toBe(true);
    expect(outcomes[3]).toEqual({
      error: expect.stringMatching(/^the parser worker failed: .*exit/i),
    });
  });
});
