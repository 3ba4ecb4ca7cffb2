/*
 * Bundles templates/specs/*.md into the isomorphic common package (which cannot read files at run
 * time): writes plugins/infra-specs-common/src/render/templates.generated.ts.
 *
 *   yarn generate:templates            write the file
 *   yarn generate:templates --check    exit 1 when the file is out of date (CI)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';

const root = resolve(__dirname, '..');
const templatesDir = join(root, 'templates', 'specs');
const target = join(
  root,
  'plugins/infra-specs-common/src/render/templates.generated.ts',
);

async function generate(): Promise<string> {
  const files = readdirSync(templatesDir)
    .filter(name => name.endsWith('.md') && name !== 'README.md')
    .sort();
  const entries = files.map(name => {
    const text = readFileSync(join(templatesDir, name), 'utf8');
    return `  ${JSON.stringify(name.replace(/\.md$/, ''))}: ${JSON.stringify(
      text,
    )},`;
  });
  const source = [
    '/*',
    ' * GENERATED from templates/specs/*.md by scripts/generate-spec-templates.ts; do not edit.',
    ' * Run `yarn generate:templates` after changing a template (a test fails when this file is stale).',
    ' */',
    '',
    '/** The template text of each format, keyed by format name. */',
    'export const SPEC_TEMPLATE_SOURCES = {',
    ...entries,
    '} as const;',
    '',
  ].join('\n');
  const options = (await resolveConfig(target)) ?? {};
  return format(source, { ...options, parser: 'typescript' });
}

async function main() {
  const generated = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== generated) {
      process.stderr.write(
        `${target} is out of date with templates/specs/; run yarn generate:templates\n`,
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, generated);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
