import { resolve } from 'node:path';
import {
  blastRadiusLabel,
  formatLabel,
  statusLabel,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { readSpecDocument } from '../lib/documents';
import { EXIT, type CliIo } from '../lib/io';

/** The normalized document of each file, in the order given. Never throws for a file's sake. */
export async function parseFiles(
  files: string[],
  cwd: string,
): Promise<SpecDocument[]> {
  const documents: SpecDocument[] = [];
  for (const file of files) {
    documents.push((await readSpecDocument(file, resolve(cwd, file))).document);
  }
  return documents;
}

function money(document: SpecDocument): string {
  const { monthlyDelta, currency } = document.cost;
  if (monthlyDelta === null) return 'not stated';
  let sign = '';
  if (monthlyDelta > 0) sign = '+';
  if (monthlyDelta < 0) sign = '-';
  return `${sign}${Math.abs(monthlyDelta).toFixed(2)}${
    currency ? ` ${currency}` : ''
  } a month`;
}

/** `In review`, plus the text as written when it says more than the label (`Approved ✅`). */
function statusWithText(document: SpecDocument): string {
  const label = statusLabel(document.status);
  const written = document.statusText;
  if (!written || written.toLowerCase() === label.toLowerCase()) return label;
  return `${label} (written '${written}')`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A few readable lines about one document. */
export function summarizeDocument(
  path: string,
  document: SpecDocument,
): string {
  const { diagnostics } = document;
  const errors = diagnostics.filter(d => d.severity === 'error').length;
  const warnings = diagnostics.filter(d => d.severity === 'warning').length;
  const infos = diagnostics.length - errors - warnings;
  const { blastRadius } = document.impact;
  const rows: Array<[string, string]> = [
    ['id', document.id ?? '(none)'],
    ['title', document.title || '(none)'],
    ['format', `${formatLabel(document.format)} (${document.format})`],
    ['status', statusWithText(document)],
    ['cost', money(document)],
    [
      'blast radius',
      `${blastRadiusLabel(blastRadius.level)}${
        blastRadius.text ? ` (${blastRadius.text})` : ''
      }`,
    ],
    [
      'acceptance',
      `${document.acceptance.done}/${document.acceptance.total} done`,
    ],
    [
      'diagnostics',
      `${count(errors, 'error')}, ${count(warnings, 'warning')}, ${infos} info`,
    ],
  ];
  return [
    path,
    ...rows.map(([key, value]) => `  ${`${key}:`.padEnd(14)}${value}`),
  ].join('\n');
}

/** `infra-specs parse FILE... [--json]` */
export async function runParse(
  files: string[],
  options: { json?: boolean },
  io: CliIo,
): Promise<number> {
  const documents = await parseFiles(files, io.cwd);
  if (options.json) {
    io.stdout(`${JSON.stringify(documents, null, 2)}\n`);
  } else {
    io.stdout(
      `${documents
        .map((d, i) => summarizeDocument(files[i], d))
        .join('\n\n')}\n`,
    );
  }
  const unreadable = documents.some(d =>
    d.diagnostics.some(x => x.code === 'unreadable-file'),
  );
  return unreadable ? EXIT.problems : EXIT.ok;
}
