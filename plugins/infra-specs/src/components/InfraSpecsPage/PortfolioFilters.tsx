import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_FORMATS,
  SPEC_STATUSES,
  formatLabel,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { PortfolioFilters as Filters } from '../../lib/portfolioQuery';

interface Option {
  value: string;
  label: string;
}

function MultiSelect(props: {
  label: string;
  options: Option[];
  value: string[];
  onChange(value: string[]): void;
}) {
  const labelOf = (v: string) =>
    props.options.find(o => o.value === v)?.label ?? v;
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      label={props.label}
      style={{ minWidth: 170 }}
      value={props.value}
      onChange={e => props.onChange(e.target.value as unknown as string[])}
      SelectProps={{
        multiple: true,
        renderValue: v => (v as string[]).map(labelOf).join(', '),
        SelectDisplayProps: { 'aria-label': props.label } as any,
      }}
    >
      {props.options.map(o => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

const ownerLabel = (ref: string) => {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
};

/** The portfolio's filters: status, format, owner, blast radius and a text search. */
export function PortfolioFilters(props: {
  filters: Filters;
  owners: string[];
  onChange(filters: Filters): void;
}) {
  const { filters, onChange } = props;
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  // Search as the user pauses typing, not on every key: each search is a request.
  useEffect(() => {
    if (text === filters.q) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, q: text }), 300);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const formats = [
    ...SPEC_FORMATS.map(f => ({ value: f.value, label: f.label })),
    ...filters.format
      .filter(f => !SPEC_FORMATS.some(s => s.value === f))
      .map(f => ({ value: f, label: formatLabel(f) })),
  ];
  const owners = [...new Set([...props.owners, ...filters.owner])]
    .sort()
    .map(o => ({ value: o, label: ownerLabel(o) }));

  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mb={2}
      role="search"
    >
      <MultiSelect
        label="Status"
        options={[...SPEC_STATUSES].sort((a, b) => a.order - b.order)}
        value={filters.status}
        onChange={status =>
          onChange({ ...filters, status: status as Filters['status'] })
        }
      />
      <MultiSelect
        label="Format"
        options={formats}
        value={filters.format}
        onChange={format => onChange({ ...filters, format })}
      />
      <MultiSelect
        label="Owner"
        options={owners}
        value={filters.owner}
        onChange={owner => onChange({ ...filters, owner })}
      />
      <MultiSelect
        label="Blast radius"
        options={[...BLAST_RADIUS_LEVELS].sort((a, b) => a.order - b.order)}
        value={filters.blastRadius}
        onChange={blastRadius =>
          onChange({
            ...filters,
            blastRadius: blastRadius as Filters['blastRadius'],
          })
        }
      />
      <TextField
        size="small"
        variant="outlined"
        label="Search id or title"
        value={text}
        onChange={e => setText(e.target.value)}
      />
    </Box>
  );
}
