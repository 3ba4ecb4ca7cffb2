import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_STATUSES,
  blastRadiusColor,
  blastRadiusLabel,
  statusColor,
  statusLabel,
  vocabularyEntry,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/*
 * The vocabulary colours have at least 3:1 contrast against both white and the dark theme's
 * background, so a filled chip with white text stays readable in both themes.
 */
function ColoredChip(props: {
  label: string;
  color: string;
  description?: string;
  size?: 'small' | 'medium';
  testId: string;
}) {
  const chip = (
    <Chip
      size={props.size ?? 'small'}
      label={props.label}
      data-testid={props.testId}
      style={{
        backgroundColor: props.color,
        color: '#ffffff',
        fontWeight: 600,
      }}
    />
  );
  return props.description ? (
    <Tooltip title={props.description}>{chip}</Tooltip>
  ) : (
    chip
  );
}

/** A spec status as a coloured chip; `statusText` (as written) is shown on hover when it differs. */
export function StatusChip(props: {
  status: string;
  statusText?: string | null;
  size?: 'small' | 'medium';
}) {
  const { status, statusText } = props;
  const label = statusLabel(status);
  const written =
    statusText && statusText.toLowerCase() !== label.toLowerCase()
      ? `Written as "${statusText}". `
      : '';
  return (
    <ColoredChip
      label={label}
      color={statusColor(status)}
      description={`${written}${
        vocabularyEntry(SPEC_STATUSES, status)?.description ?? ''
      }`.trim()}
      size={props.size}
      testId={`status-chip-${status}`}
    />
  );
}

/** A blast radius level as a coloured chip, with the spec's own words on hover. */
export function BlastRadiusChip(props: {
  level: string;
  text?: string | null;
}) {
  return (
    <ColoredChip
      label={blastRadiusLabel(props.level)}
      color={blastRadiusColor(props.level)}
      description={
        props.text ??
        vocabularyEntry(BLAST_RADIUS_LEVELS, props.level)?.description
      }
      testId={`blast-radius-chip-${props.level}`}
    />
  );
}
