import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  allocateSpecId,
  parseSpec,
  renderSpec,
  SPEC_SHORT_FORMAT_NAMES,
  SPEC_SHORT_FORMATS,
  validateSpecTemplateValues,
  type SpecShortFormat,
  type SpecTemplateFormat,
  type SpecTemplateValues,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { scanIds } from '../lib/ids';
import { EXIT, UsageError, type CliIo } from '../lib/io';
import { parseCostItem, parseSetOptions } from '../lib/values';

export interface NewOptions {
  format: SpecShortFormat;
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
 * The id of a new spec (common's allocateSpecId, as the scaffolder's): the next `SPEC-NNNN` (change)
 * or `FEAT-NNN` (feature) after the highest found under `dir`, in the digit width in use there, or
 * the smaqit concept id of the title; throws UsageError when the concept is taken under `dir` or
 * the title has none.
 */
export async function allocateId(
  format: SpecShortFormat,
  title: string,
  dir: string,
): Promise<string> {
  const known = await scanIds(dir, SPEC_SHORT_FORMATS[format].idPrefix);
  const allocated = allocateSpecId({ format, title, known });
  if (!allocated.ok) {
    throw new UsageError(`${allocated.reason} (--id)`);
  }
  return allocated.id;
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
  const format = SPEC_SHORT_FORMATS[options.format]?.format;
  if (!format) {
    throw new UsageError(
      `unknown format '${options.format}'; use ${SPEC_SHORT_FORMAT_NAMES.join(
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
