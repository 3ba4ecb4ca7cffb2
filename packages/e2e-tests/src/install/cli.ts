/*
 * `npx @infra-specs/cli` from the registry, in an empty folder, on Node 20 (the system's) and
 * Node 22 (the toolchain's), as an infrastructure repository's CI would run it: lint, parse
 * and new against a folder of specs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/startBackendProcess';
import type { Registry } from './registry';
import { npmEnv } from './packages';
import { log, Phases, run } from './util';

/**
 * The Node.js installations to try: the system's /usr/bin/node (Node 20 here) and the one this
 * runs on (the toolchain's Node 22). Each runs the system's npx; its PATH puts that node first,
 * so the CLI's `#!/usr/bin/env node` runs on it too.
 */
function nodes(): string[] {
  return [...new Set(['/usr/bin/node', process.execPath])].filter(n =>
    fs.existsSync(n),
  );
}

function npxCli(): string {
  const npx = fs.realpathSync('/usr/bin/npx');
  if (!npx.endsWith('.js'))
    throw new Error(`/usr/bin/npx is not npm's npx-cli.js: ${npx}`);
  return npx;
}

export async function runCliFromRegistry(options: {
  registry: Registry;
  version: string;
  workDir: string;
  phases: Phases;
}) {
  const { registry, version, workDir, phases } = options;
  const specs = path.join(workDir, 'cli-specs');
  fs.cpSync(
    path.join(repoRoot, 'examples/components/eks-cluster/docs/specs'),
    specs,
    {
      recursive: true,
    },
  );
  // The eks-cluster folder: four specs (two companion files are skipped).
  const specCount = 4;
  const doneSpec = 'done/2025-Q1/SPEC-0085-eks-1-30-upgrade.md';
  const majors = new Set<string>();
  for (const node of nodes()) {
    const { stdout: nodeVersion } = await run(node, ['-v'], { quiet: true });
    const major = nodeVersion.trim().split('.')[0];
    if (majors.has(major)) continue;
    majors.add(major);
    await phases.run(
      `cli: npx @infra-specs/cli on Node ${nodeVersion.trim()}`,
      async () => {
        const empty = fs.mkdtempSync(path.join(workDir, `npx-${major}-`));
        const env = {
          ...npmEnv(registry),
          PATH: `${path.dirname(node)}:${process.env.PATH}`,
          npm_config_cache: path.join(workDir, `npm-cache-${major}`),
          npm_config_yes: 'true',
        };
        const npxArgs = (args: string[]) => [npxCli(), ...args];
        const npx = (args: string[], allowFailure = false) =>
          run(node, npxArgs([`@infra-specs/cli@${version}`, ...args]), {
            cwd: empty,
            env,
            allowFailure,
          });

        // The package's bin runs on this node, not on another one on PATH.
        const { stdout: binNode } = await run(
          node,
          npxArgs([`--package=@infra-specs/cli@${version}`, '-c', 'node -v']),
          { cwd: empty, env },
        );
        if (binNode.trim() !== nodeVersion.trim()) {
          throw new Error(
            `npx ran node ${binNode.trim()}, not ${nodeVersion.trim()}`,
          );
        }

        const lint = await npx(['lint', specs]);
        const linted = Number(/in (\d+) spec files?/.exec(lint.stdout)?.[1]);
        if (linted !== specCount) {
          throw new Error(
            `lint read ${linted} specs, not ${specCount}:\n${lint.stdout}${lint.stderr}`,
          );
        }
        const json = await npx(['lint', '--format', 'json', specs]);
        const report = JSON.parse(json.stdout) as { results: unknown[] };
        if (!report.results.length)
          throw new Error(`lint --format json: no results in ${json.stdout}`);

        const file = path.join(specs, 'FEAT-021-karpenter-migration.md');
        const parsed = JSON.parse(
          (await npx(['parse', '--json', file])).stdout,
        );
        const text = JSON.stringify(parsed);
        if (!text.includes('FEAT-021'))
          throw new Error(`parse --json: no FEAT-021 in ${text.slice(0, 500)}`);

        const out = path.join(empty, 'SPEC-new.md');
        await npx([
          'new',
          '--format',
          'change',
          '--title',
          'Upgrade EKS to 1.32',
          '--out',
          out,
        ]);
        const written = fs.readFileSync(out, 'utf8');
        if (!written.includes('Upgrade EKS to 1.32'))
          throw new Error(`new: no title in\n${written}`);
        const links = written.match(/https?:\/\/[^\s)\]]+/g) ?? [];
        if (links.length)
          throw new Error(`new wrote links into the spec: ${links.join(', ')}`);
        await npx(['lint', out]);

        // A spec with an unknown status fails `lint --max-warnings 0`: the CI gate works.
        const broken = path.join(empty, 'SPEC-0085.md');
        fs.writeFileSync(
          broken,
          fs
            .readFileSync(path.join(specs, doneSpec), 'utf8')
            .replace('**Status**: Implemented', '**Status**: Bogus'),
        );
        const failed = await npx(['lint', '--max-warnings', '0', broken], true);
        if (failed.code === 0 || !/status/i.test(failed.stdout)) {
          throw new Error(
            `lint of a spec with status Bogus exited ${failed.code}:\n${failed.stdout}`,
          );
        }
        log(
          `Node ${nodeVersion.trim()}: lint, parse and new work; lint of a broken spec exits ${
            failed.code
          }`,
        );
      },
    );
  }
  if (!majors.has('v20') || !majors.has('v22')) {
    throw new Error(
      `the CLI must run on Node 20 and 22; found ${[...majors].join(', ')}`,
    );
  }
}
