import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  parseSpec,
  renderSpec,
  validateSpecTemplateValues,
  type SpecTemplateFormat,
  type SpecTemplateValues,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  conceptId,
  ID_PATTERNS,
  nextSequentialId,
  scanIds,
  uniqueId,
} from '../lib/ids';
import { EXIT, UsageError, type CliIo } from '../lib/io';
import { parseCostItem, parseSetOptions } from '../lib/values';

/** The short format names of the command line and the formats they stand for. */
export const NEW_FORMATS = {
  feature: 'infrastructure-feature',
  change: 'infrastructure-change',
  smaqit: 'smaqit-infrastructure',
} as const satisfies Record<string, SpecTemplateFormat>;

export type NewFormat = keyof typeof NEW_FORMATS;

export interface NewOptions {
  format: NewFormat;
  title: string;
  id?: string;
  out?: string;
  /** Folder scanned for taken ids; default: the folder of `out`, else the working folder. */
  dir?: string;
  set?: string[];
  costItem?: string[];
  force?: boolean;
}

/**
 * The id of a new spec: the next `SPEC-NNNN` (change) or `FEAT-NNN` (feature) after the highest
 * found under `dir`, or the smaqit concept id of the title, made unique within `dir`.
 */
export async function allocateId(
  format: NewFormat,
  title: string,
  dir: string,
): Promise<string> {
  const taken = await scanIds(dir, ID_PATTERNS[format]);
  if (format === 'change') return nextSequentialId('SPEC', taken, 4);
  if (format === 'feature') return nextSequentialId('FEAT', taken, 3);
  return uniqueId(conceptId(title), taken);
}

/** The values and markdown of the new spec, validated; throws UsageError on bad input. */
export async function renderNewSpec(
  options: NewOptions,
  io: CliIo,
): Promise<{
  markdown: string;
  values: SpecTemplateValues;
  format: SpecTemplateFormat;
}> {
  const format = NEW_FORMATS[options.format];
  if (!format) {
    throw new UsageError(
      `unknown format '${options.format}'; use ${Object.keys(NEW_FORMATS).join(
        ', ',
      )}`,
    );
  }
  if (options.title.trim() === '')
    throw new UsageError('--title must not be empty');
  const set = parseSetOptions(options.set ?? []);
  const costItems = (options.costItem ?? []).map(parseCostItem);
  const today = io.now().toISOString().slice(0, 10);
  const dir = resolve(
    io.cwd,
    options.dir ?? (options.out ? dirname(options.out) : '.'),
  );
  const values: SpecTemplateValues = {
    status: 'draft',
    created: today,
    updated: today,
    ...set,
    ...(costItems.length ? { costItems } : {}),
    title: options.title,
    id: options.id ?? (await allocateId(options.format, options.title, dir)),
  };
  const problems = validateSpecTemplateValues(values, format);
  if (problems.length > 0) {
    throw new UsageError(
      `invalid values: ${problems
        .map(p => `${p.key} ${p.message}`)
        .join('; ')}`,
    );
  }
  return { markdown: renderSpec(format, values), values, format };
}

/** `infra-specs new --format feature|change|smaqit --title T [--id ID] [--out FILE] ...` */
export async function runNew(options: NewOptions, io: CliIo): Promise<number> {
  const { markdown, values, format } = await renderNewSpec(options, io);
  if (!options.out) {
    io.stdout(markdown);
    return EXIT.ok;
  }
  const target = resolve(io.cwd, options.out);
  await fs.mkdir(dirname(target), { recursive: true });
  try {
    await fs.writeFile(target, markdown, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(
        `refusing to overwrite ${options.out}: the file exists (use --force to replace it)`,
      );
    }
    throw new UsageError(
      `cannot write ${options.out}: ${(error as Error).message}`,
    );
  }
  // The file must read back as what was asked for; a mismatch is a template or parser bug.
  const document = parseSpec(markdown, { path: options.out });
  if (document.format !== format || document.id !== values.id) {
    io.stderr(
      `warning: ${options.out} reads back as ${document.format} '${document.id}', not ${format} '${values.id}'\n`,
    );
  }
  io.stdout(
    `Created ${options.out}: ${values.id} "${document.title}" (${format})\n`,
  );
  return EXIT.ok;
}
