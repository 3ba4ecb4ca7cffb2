import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import {
  SPEC_STATUSES,
  statusColor,
  type SpecRecord,
  type SpecStatus,
} from '@infra-specs/backstage-plugin-infra-specs-common';

/** One chip per status present in the specs, with its count; clicking toggles it. */
export function StatusFilter(props: {
  specs: readonly SpecRecord[];
  selected: readonly SpecStatus[];
  onChange(selected: SpecStatus[]): void;
}) {
  const counts = new Map<SpecStatus, number>();
  for (const spec of props.specs) {
    counts.set(
      spec.document.status,
      (counts.get(spec.document.status) ?? 0) + 1,
    );
  }
  const present = [...SPEC_STATUSES]
    .sort((a, b) => a.order - b.order)
    .filter(s => counts.has(s.value) || props.selected.includes(s.value));
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 6 }}
      role="group"
      aria-label="Filter by status"
    >
      {present.map(status => {
        const active = props.selected.includes(status.value);
        return (
          <Chip
            key={status.value}
            label={`${status.label} (${counts.get(status.value) ?? 0})`}
            clickable
            aria-pressed={active}
            variant={active ? 'default' : 'outlined'}
            style={
              active
                ? {
                    backgroundColor: statusColor(status.value),
                    color: '#ffffff',
                  }
                : { borderColor: statusColor(status.value) }
            }
            onClick={() =>
              props.onChange(
                active
                  ? props.selected.filter(s => s !== status.value)
                  : [...props.selected, status.value],
              )
            }
          />
        );
      })}
    </Box>
  );
}
