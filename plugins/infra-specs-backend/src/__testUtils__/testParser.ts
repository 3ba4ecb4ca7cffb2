import * as common from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecDiagnostic, SpecStatus } from '@infra-specs/backstage-plugin-infra-specs-common';
import { createSpecParser } from '../refresh/createSpecParser';
import type { SpecParser } from '../refresh/SpecParser';
import { makeDocument } from './documents';

/** The parser used by tests, counting parse calls (how tests see that unchanged files are skipped). */
export type CountingParser = SpecParser & { parseCount: number };

const STATUSES: Record<string, SpecStatus> = {
  draft: 'draft',
  'in review': 'in-review',
  approved: 'approved',
  implemented: 'implemented',
  superseded: 'superseded',
  rejected: 'rejected',
};

// Interim stand-in while infra-specs-common's parser is being written; reads only the
// `# Spec:`, `**Spec ID**:` and `**Status**:` lines of the change format.
function interimParser(): SpecParser {
  return {
    fingerprint: 'interim',
    parse(markdown) {
      const title = /^# Spec: (.+)$/m.exec(markdown)?.[1]?.trim() ?? '';
      const id = /^\*\*Spec ID\*\*: (.+)$/m.exec(markdown)?.[1]?.trim() ?? null;
      const statusText = /^\*\*Status\*\*: (.+)$/m.exec(markdown)?.[1]?.trim() ?? null;
      return makeDocument({
        id,
        title,
        status: STATUSES[statusText?.toLowerCase() ?? ''] ?? 'unknown',
        statusText,
        format: title ? 'infrastructure-change' : 'unknown',
      });
    },
    isSpec: (path, document) => document.format !== 'unknown' && !path.startsWith('templates/'),
    lintSet(entries) {
      const out = new Map<string, SpecDiagnostic[]>();
      for (const entry of entries) {
        const twins = entries.filter(e => e !== entry && e.document.id && e.document.id === entry.document.id);
        out.set(
          entry.path,
          twins.map(t => ({ severity: 'warning', line: 1, code: 'duplicate-id', message: `Also in ${t.path}` })),
        );
      }
      return out;
    },
    entityName(document, path, taken) {
      const base = `${document.id ?? ''} ${document.title}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 50) || 'spec';
      let name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
      void path;
      return name;
    },
  };
}

export function createCountingParser(): CountingParser {
  const real = typeof (common as Record<string, unknown>).parseSpec === 'function';
  const inner = real ? createSpecParser() : interimParser();
  const parser: CountingParser = {
    ...inner,
    parseCount: 0,
    parse(markdown, path) {
      parser.parseCount += 1;
      return inner.parse(markdown, path);
    },
  };
  return parser;
}

/** A spec in the change format. */
export function changeSpec(options: { id: string; title: string; status: string; extra?: string }) {
  return [
    `# Spec: ${options.title}`,
    '',
    `**Spec ID**: ${options.id}`,
    `**Status**: ${options.status}`,
    '**Author**: Jane Doe',
    '**Created**: 2026-01-05',
    '**Last Updated**: 2026-02-01',
    '',
    '## Summary',
    '',
    `${options.title}.`,
    '',
    options.extra ?? '',
  ].join('\n');
}
