import { resolve } from 'node:path';
import {
  blastRadiusLabel,
  formatLabel,
  statusLabel,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { readSpecDocument } from '../lib/documents';
import { createEvidenceReader, type EvidenceReader } from '../lib/evidence';
import type { EvidenceCliOptions } from '../lib/evidenceOptions';
import { EXIT, type CliIo } from '../lib/io';

/**
 * The normalized document of each file, in the order given, checked against its evidence files
 * when given a reader. Never throws for a file's sake.
 */
export async function parseFiles(
  files: string[],
  cwd: string,
  evidence?: EvidenceReader | null,
): Promise<SpecDocument[]> {
  const documents: SpecDocument[] = [];
  for (const file of files) {
    documents.push(
      (await readSpecDocument(file, resolve(cwd, file), evidence)).document,
    );
  }
  return documents;
}

function amount(monthlyDelta: number, currency: string | null): string {
  let sign = '';
  if (monthlyDelta > 0) sign = '+';
  if (monthlyDelta < 0) sign = '-';
  return `${sign}${Math.abs(monthlyDelta).toFixed(2)}${
    currency ? ` ${currency}` : ''
  } a month`;
}

function money(document: SpecDocument): string {
  const { monthlyDelta, currency } = document.cost;
  return monthlyDelta === null ? 'not stated' : amount(monthlyDelta, currency);
}

/** `+542.43 USD a month (x/infracost.json), more than claimed`; null when no estimate was read. */
function estimateRow(document: SpecDocument): string | null {
  const { estimate, drift } = document.cost;
  if (!estimate) return null;
  const against: Record<string, string> = {
    over: ', more than claimed',
    under: ', less than claimed',
    ok: ', agrees with the claim',
  };
  return `${amount(estimate.monthlyDelta, estimate.currency)} (${
    estimate.source
  })${drift ? against[drift] : ''}`;
}

/** `1 to create, 2 to replace (x/plan.json)`; null when no plan was read. */
function planRow(document: SpecDocument): string | null {
  const { plan } = document;
  if (!plan) return null;
  const counts = (['create', 'update', 'replace', 'delete'] as const)
    .filter(action => plan[action] > 0)
    .map(action => `${plan[action]} to ${action}`);
  return `${counts.length ? counts.join(', ') : 'no changes'} (${plan.source})`;
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
  const rows: Array<[string, string | null]> = [
    ['id', document.id ?? '(none)'],
    ['title', document.title || '(none)'],
    ['format', `${formatLabel(document.format)} (${document.format})`],
    ['status', statusWithText(document)],
    ['cost', money(document)],
    ['estimate', estimateRow(document)],
    ['plan', planRow(document)],
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
    ...rows
      .filter((row): row is [string, string] => row[1] !== null)
      .map(([key, value]) => `  ${`${key}:`.padEnd(14)}${value}`),
  ].join('\n');
}

/** `infra-specs parse FILE... [--json] [evidence options]` */
export async function runParse(
  files: string[],
  options: { json?: boolean } & EvidenceCliOptions,
  io: CliIo,
): Promise<number> {
  const evidence = await createEvidenceReader(options, io.cwd);
  const documents = await parseFiles(files, io.cwd, evidence);
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
