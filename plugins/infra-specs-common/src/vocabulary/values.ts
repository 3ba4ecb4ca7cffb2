import type { VocabularyEntry } from './types';

/**
 * The values of a vocabulary, in its order, as the non-empty list JSON Schema and zod enums take:
 * schemas and validators are built from the vocabulary, never retyped.
 * @public
 */
export function vocabularyValues<T extends string>(
  vocabulary: ReadonlyArray<VocabularyEntry<T>>,
): [T, ...T[]] {
  const [first, ...rest] = vocabulary.map(entry => entry.value);
  if (first === undefined) {
    throw new Error('A vocabulary needs at least one value');
  }
  return [first, ...rest];
}
