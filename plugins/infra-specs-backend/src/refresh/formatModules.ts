/*
 * Spec formats given as module paths: what a worker thread can load on its own, where a format
 * object (with its functions) cannot be sent.
 */
import type { SpecFormatDefinition } from '@infra-specs/backstage-plugin-infra-specs-common';

function isFormat(value: unknown): value is SpecFormatDefinition {
  const format = value as SpecFormatDefinition | undefined;
  return (
    typeof format?.name === 'string' &&
    typeof format.recognise === 'function' &&
    typeof format.read === 'function'
  );
}

/**
 * The formats of a module: its default export, or its `format` or `formats` export (one
 * definition or a list). A module with none is refused by path.
 */
export function loadFormatModule(modulePath: string): SpecFormatDefinition[] {
  // eslint-disable-next-line @backstage/no-undeclared-imports, import/no-dynamic-require
  const exports = require(modulePath);
  for (const candidate of [
    exports?.default,
    exports?.formats,
    exports?.format,
    exports,
  ]) {
    const list = Array.isArray(candidate) ? candidate : [candidate];
    if (list.length && list.every(isFormat)) return list;
  }
  throw new Error(
    `The spec format module ${modulePath} exports no format definition (a default, \`format\` or \`formats\` export with name, recognise and read)`,
  );
}
