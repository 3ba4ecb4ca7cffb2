#!/usr/bin/env node
/*
 * Writes a Backstage release manifest ({ releaseVersion, packages: [{ name, version }] }) for
 * `backstage-cli versions:bump` (BACKSTAGE_MANIFEST_FILE), built from the npm registry's `latest`
 * dist-tags. These machines reach the npm registry but not versions.backstage.io, where the
 * CLI normally fetches the manifest.
 *
 * Usage: node scripts/release-manifest.mjs <releaseVersion> <out.json>
 * Every @backstage/* package named in a workspace package.json is looked up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const [releaseVersion, outFile] = process.argv.slice(2);
if (!releaseVersion || !outFile) {
  console.error('usage: release-manifest.mjs <releaseVersion> <out.json>');
  process.exit(2);
}

const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);
const manifests = [path.join(root, 'package.json')];
for (const dir of ['packages', 'plugins']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const file = path.join(root, dir, name, 'package.json');
    if (fs.existsSync(file)) manifests.push(file);
  }
}
const names = new Set();
for (const file of manifests) {
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {})) {
      if (dep.startsWith('@backstage/')) names.add(dep);
    }
  }
}

const registry = execFileSync('npm', ['config', 'get', 'registry'], {
  encoding: 'utf8',
})
  .trim()
  .replace(/\/$/, '');

async function latest(name) {
  const res = await fetch(`${registry}/${name.replace('/', '%2f')}`, {
    headers: { accept: 'application/vnd.npm.install-v1+json' },
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} from ${registry}`);
  const info = await res.json();
  return info['dist-tags'].latest;
}

const packages = [];
for (const name of [...names].sort()) {
  packages.push({ name, version: await latest(name) });
}
fs.writeFileSync(
  outFile,
  `${JSON.stringify({ releaseVersion, packages }, null, 2)}\n`,
);
console.log(`${packages.length} packages -> ${outFile}`);
