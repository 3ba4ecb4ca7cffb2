/** One value of a vocabulary, with what the UI and the CLI show for it. @public */
export interface VocabularyEntry<T extends string = string> {
  value: T;
  label: string;
  description?: string;
}

/** A vocabulary entry that can be sorted and drawn as a chip. @public */
export interface RankedVocabularyEntry<T extends string = string>
  extends VocabularyEntry<T> {
  /** Hex colour with a contrast of at least 3:1 on both a white and a near-black (#121212) background. */
  color: string;
  /** Sort key: progress for statuses, severity for levels (0 = unknown). */
  order: number;
}
