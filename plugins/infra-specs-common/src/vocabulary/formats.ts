import type { VocabularyEntry } from './types';

/** The formats the parser knows out of the box (portals may register more). @public */
export const SPEC_FORMATS: ReadonlyArray<VocabularyEntry> = [
  {
    value: 'infrastructure-change',
    label: 'Infrastructure change',
    description:
      '`# Spec: <Name>` with `**Spec ID**: SPEC-NNNN`, Impact Assessment, Cost Impact and Validation Checklist.',
  },
  {
    value: 'infrastructure-feature',
    label: 'Infrastructure feature',
    description:
      '`# Specification: <ID> <Name>` with `**Template Type**: Infrastructure Feature` and Acceptance Criteria.',
  },
  {
    value: 'smaqit-infrastructure',
    label: 'smaqit infrastructure',
    description:
      'YAML front matter with `id: INF-<CONCEPT>`, generated with smaqit; criteria `INF-<CONCEPT>-NNN`.',
  },
  {
    value: 'unknown',
    label: 'Unknown format',
    description:
      'Markdown the parser did not recognise; read as far as possible.',
  },
];
