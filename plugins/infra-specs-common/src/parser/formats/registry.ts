import type { SpecFormatDefinition, SpecFormatRegistry } from './types';
import { infrastructureChangeFormat } from './infrastructureChange';
import { infrastructureFeatureFormat } from './infrastructureFeature';
import { smaqitInfrastructureFormat } from './smaqitInfrastructure';

/** The three formats of docs/spec-model.md. @public */
export const defaultSpecFormats: ReadonlyArray<SpecFormatDefinition> = [
  infrastructureChangeFormat,
  infrastructureFeatureFormat,
  smaqitInfrastructureFormat,
];

/**
 * A registry of formats; on a name clash the later definition wins (it takes the earlier one's
 * place, so the tie-break order stays stable). Pass `[...defaultSpecFormats, myFormat]` to extend.
 * @public
 */
export function createSpecFormatRegistry(
  formats: ReadonlyArray<SpecFormatDefinition>,
): SpecFormatRegistry {
  const ordered: SpecFormatDefinition[] = [];
  for (const format of formats) {
    if (
      !format ||
      typeof format.name !== 'string' ||
      format.name === '' ||
      format.name === 'unknown'
    ) {
      throw new TypeError(
        `Invalid spec format definition '${String(
          format?.name,
        )}': a format needs a name other than 'unknown'`,
      );
    }
    const existing = ordered.findIndex(f => f.name === format.name);
    if (existing >= 0) {
      // Remove the earlier one so the later registration also wins score ties.
      ordered.splice(existing, 1);
    }
    ordered.push(format);
  }
  const byName = new Map(ordered.map(f => [f.name, f]));
  return { formats: ordered, get: name => byName.get(name) };
}

let defaultRegistry: SpecFormatRegistry | undefined;

/** The registry of the default formats (built once). */
export function defaultSpecFormatRegistry(): SpecFormatRegistry {
  defaultRegistry =
    defaultRegistry ?? createSpecFormatRegistry(defaultSpecFormats);
  return defaultRegistry;
}
