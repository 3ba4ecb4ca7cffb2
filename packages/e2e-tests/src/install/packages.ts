/*
 * Every public workspace, built and packed the way `yarn release:publish` packs it (Yarn's
 * pack with the Backstage prepack), then checked and published by name at this run's version.
 * The version is set in an extracted copy of each tarball, so the repository stays untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/startBackendProcess';
import type { Registry } from './registry';
import { cleanEnv, log, onCleanup, run } from './util';

export interface PublishedPackage {
  name: string;
  dir: string;
  /** The published tarball's size in bytes, and its unpacked size. */
  packedBytes: number;
  unpackedBytes: number;
  fileCount: number;
}

const dependencyFields = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'devDependencies',
] as const;

export async function publicWorkspaces(): Promise<
  Array<{ name: string; dir: string }>
> {
  const { stdout } = await run('yarn', ['workspaces', 'list', '--json'], {
    cwd: repoRoot,
    quiet: true,
  });
  return stdout
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as { name: string; location: string })
    .map(w => ({ name: w.name, dir: path.join(repoRoot, w.location) }))
    .filter(w => {
      const manifest = readJson(path.join(w.dir, 'package.json'));
      return w.dir !== repoRoot && !manifest.private;
    });
}

export async function publishPackages(options: {
  registry: Registry;
  version: string;
  workDir: string;
  outDir: string;
}): Promise<PublishedPackage[]> {
  const { registry, version, workDir, outDir } = options;
  const workspaces = await publicWorkspaces();
  log(`public packages: ${workspaces.map(w => w.name).join(', ')}`);
  if (workspaces.length === 0) throw new Error('no public workspace found');
  const ours = new Set(workspaces.map(w => w.name));

  // Declarations first (the build bundles them from dist-types), then every package's dist/.
  await run('yarn', ['tsc'], { cwd: repoRoot });
  await run('yarn', ['backstage-cli', 'repo', 'build'], { cwd: repoRoot });

  const packDir = path.join(workDir, 'pack');
  const published: PublishedPackage[] = [];
  for (const workspace of workspaces) {
    const base = workspace.name.replace(/^@/, '').replace('/', '-');
    const yarnTarball = path.join(packDir, `${base}.yarn.tgz`);
    // Yarn's pack rewrites package.json for the duration (Backstage's prepack, undone by its
    // postpack); should the run stop half-way, the cleanup puts the original back.
    const manifestPath = path.join(workspace.dir, 'package.json');
    const original = fs.readFileSync(manifestPath, 'utf8');
    const restore = async () => {
      if (fs.readFileSync(manifestPath, 'utf8') !== original) {
        fs.writeFileSync(manifestPath, original);
      }
    };
    onCleanup(restore);
    await run('yarn', ['pack', '--out', yarnTarball], { cwd: workspace.dir });
    await restore();

    const extracted = path.join(packDir, base);
    fs.mkdirSync(extracted, { recursive: true });
    await run('tar', ['-xzf', yarnTarball, '-C', extracted], { quiet: true });
    const pkgDir = path.join(extracted, 'package');
    const manifestFile = path.join(pkgDir, 'package.json');
    const manifest = readJson(manifestFile);
    checkManifest(manifest, pkgDir);

    manifest.version = version;
    for (const field of dependencyFields) {
      for (const dep of Object.keys(manifest[field] ?? {})) {
        if (ours.has(dep)) manifest[field][dep] = `^${version}`;
      }
    }
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

    // npm pack of the checked copy: what goes to the registry, and what we measure.
    const { stdout } = await run(
      'npm',
      [
        'pack',
        pkgDir,
        '--ignore-scripts',
        '--json',
        '--pack-destination',
        packDir,
      ],
      { cwd: packDir, env: npmEnv(registry), quiet: true },
    );
    const [info] = JSON.parse(stdout) as Array<{
      filename: string;
      size: number;
      unpackedSize: number;
      entryCount: number;
    }>;
    const tarball = path.join(packDir, info.filename);
    await run(
      'npm',
      [
        'publish',
        tarball,
        '--tag',
        'latest',
        '--access',
        'public',
        '--registry',
        registry.url,
      ],
      { cwd: packDir, env: npmEnv(registry) },
    );
    published.push({
      name: workspace.name,
      dir: workspace.dir,
      packedBytes: info.size,
      unpackedBytes: info.unpackedSize,
      fileCount: info.entryCount,
    });
  }

  // Published by name: the registry answers for each at this version.
  for (const pkg of published) {
    const res = await fetch(`${registry.url}${pkg.name.replace('/', '%2f')}`);
    const body = (await res.json()) as { 'dist-tags'?: { latest?: string } };
    if (body['dist-tags']?.latest !== version) {
      throw new Error(
        `${pkg.name}: the registry's latest is ${body['dist-tags']?.latest}, not ${version}`,
      );
    }
  }

  const table = sizeTable(published);
  log(`packed sizes\n${table}`);
  fs.writeFileSync(path.join(outDir, 'packed-sizes.md'), `${table}\n`);
  return published;
}

/** What a consumer resolves must be built output, with real version ranges. */
export function checkManifest(manifest: any, pkgDir: string) {
  const problems: string[] = [];
  const intoDist = (field: string, value: unknown) => {
    if (typeof value !== 'string') return;
    if (!/^(\.\/)?dist\//.test(value)) {
      problems.push(`${field} is ${value}, not in dist/`);
    } else if (!fs.existsSync(path.join(pkgDir, value))) {
      problems.push(`${field} points at ${value}, which the tarball lacks`);
    }
  };
  if ('private' in manifest)
    problems.push(`has "private": ${manifest.private}`);
  if (!manifest.main) problems.push('has no main');
  intoDist('main', manifest.main);
  intoDist('module', manifest.module);
  intoDist('types', manifest.types);
  const walk = (field: string, value: unknown) => {
    if (typeof value === 'string') {
      if (field !== 'exports["./package.json"]') intoDist(field, value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // `backstage` is the CLI's feature-type marker (e.g. @backstage/BackendFeature), not a path.
        if (k !== 'backstage') walk(`${field}[${JSON.stringify(k)}]`, v);
      }
    }
  };
  walk('exports', manifest.exports);
  for (const field of dependencyFields) {
    for (const [dep, range] of Object.entries<string>(manifest[field] ?? {})) {
      if (/^(workspace|link|file|portal):/.test(range)) {
        problems.push(`${field}.${dep} is ${range}`);
      }
    }
  }
  for (const bin of Object.values<string>(
    typeof manifest.bin === 'string'
      ? { bin: manifest.bin }
      : manifest.bin ?? {},
  )) {
    if (!fs.existsSync(path.join(pkgDir, bin))) {
      problems.push(`bin ${bin} is missing from the tarball`);
    }
  }
  if (problems.length) {
    throw new Error(`${manifest.name}: ${problems.join('; ')}`);
  }
}

function sizeTable(published: PublishedPackage[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  return [
    '| package | packed | unpacked | files |',
    '| --- | ---: | ---: | ---: |',
    ...published.map(
      p =>
        `| ${p.name} | ${kb(p.packedBytes)} | ${kb(p.unpackedBytes)} | ${
          p.fileCount
        } |`,
    ),
    `| total | ${kb(published.reduce((s, p) => s + p.packedBytes, 0))} | ${kb(
      published.reduce((s, p) => s + p.unpackedBytes, 0),
    )} | |`,
  ].join('\n');
}

export function npmEnv(registry: Registry): NodeJS.ProcessEnv {
  return cleanEnv({ npm_config_userconfig: registry.npmrc });
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
