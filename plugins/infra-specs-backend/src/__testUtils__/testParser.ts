import { createSpecParser } from '../refresh/createSpecParser';
import type { SpecParser } from '../refresh/SpecParser';

/** The real parser, counting parse calls (how tests see that unchanged files are not parsed). */
export type CountingParser = SpecParser & { parseCount: number };

export function createCountingParser(): CountingParser {
  const inner = createSpecParser();
  const parser: CountingParser = {
    ...inner,
    parseCount: 0,
    parse(markdown, path) {
      parser.parseCount += 1;
      return inner.parse(markdown, path);
    },
    async parseMany(documents) {
      parser.parseCount += documents.length;
      return inner.parseMany(documents);
    },
  };
  return parser;
}

/** A filled-in spec in the change format, with an impact table and a cost table. */
export function changeSpec(options: {
  id: string;
  title: string;
  status: string;
  blastRadius?: string;
  rollback?: string;
  downtime?: string;
  /** Monthly cost delta in USD. */
  cost?: number;
  extra?: string;
}) {
  const cost = options.cost ?? 0;
  const money = `${cost < 0 ? '-' : '+'}$${Math.abs(cost)}`;
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
    '### Impact Assessment',
    '',
    '| Aspect | Assessment |',
    '|--------|------------|',
    `| **Blast Radius** | ${options.blastRadius ?? 'Low'} — one service |`,
    `| **Rollback Complexity** | ${options.rollback ?? 'Easy'} |`,
    `| **Downtime Required** | ${options.downtime ?? 'None'} |`,
    `| **Cost Impact** | ${money}/month |`,
    '',
    '## Cost Impact',
    '',
    '| Resource | Monthly Cost | Notes |',
    '|----------|--------------|-------|',
    `| Compute | ${money} | |`,
    `| **Total Delta** | **${money}** | |`,
    '',
    options.extra ?? '',
  ].join('\n');
}
