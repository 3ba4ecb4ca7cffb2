import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SPEC_TEMPLATE_SOURCES } from './templates.generated';
import { SPEC_TEMPLATE_FORMATS } from './values';

const templatesDir = resolve(__dirname, '../../../../templates/specs');

describe('templates.generated.ts', () => {
  it('is up to date with templates/specs/ (else run `yarn generate:templates`)', () => {
    const files = readdirSync(templatesDir)
      .filter(name => name.endsWith('.md') && name !== 'README.md')
      .sort();
    expect(Object.keys(SPEC_TEMPLATE_SOURCES).sort()).toEqual(
      files.map(name => name.replace(/\.md$/, '')),
    );
    for (const name of files) {
      const format = name.replace(
        /\.md$/,
        '',
      ) as keyof typeof SPEC_TEMPLATE_SOURCES;
      expect({ name, text: SPEC_TEMPLATE_SOURCES[format] }).toEqual({
        name,
        text: readFileSync(join(templatesDir, name), 'utf8'),
      });
    }
  });

  it('has a template for every template format', () => {
    expect(Object.keys(SPEC_TEMPLATE_SOURCES).sort()).toEqual(
      [...SPEC_TEMPLATE_FORMATS].sort(),
    );
  });
});
