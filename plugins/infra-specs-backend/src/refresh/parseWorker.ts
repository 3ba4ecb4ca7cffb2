/*
 * The parser pool's worker: parses a batch of documents with the default formats plus formats
 * loaded from module paths. It runs in a worker thread; nothing here touches Backstage.
 */
import {
  createSpecFormatRegistry,
  defaultSpecFormats,
  parseSpec,
  type SpecDocument,
  type SpecFormatRegistry,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { MessagePort } from 'node:worker_threads';
import { loadFormatModule } from './formatModules';

export interface ParseTask {
  documents: Array<{ markdown: string; path: string }>;
  formatModules: string[];
  /** Told when the batch starts, so its time counts from here and not from the queue. */
  started?: MessagePort;
}

const registries = new Map<string, SpecFormatRegistry>();

function registryFor(formatModules: string[]): SpecFormatRegistry {
  const key = formatModules.join('\0');
  let registry = registries.get(key);
  if (!registry) {
    registry = createSpecFormatRegistry([
      ...defaultSpecFormats,
      ...formatModules.flatMap(loadFormatModule),
    ]);
    registries.set(key, registry);
  }
  return registry;
}

/** Parses each document of the task, in order. */
export default function parseDocuments(task: ParseTask): SpecDocument[] {
  const formats = registryFor(task.formatModules);
  // The main thread closes the port when the batch is done.
  task.started?.postMessage(null);
  return task.documents.map(({ markdown, path }) =>
    parseSpec(markdown, { path, formats }),
  );
}
