import type { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecColumn, SpecSort } from '../../lib/sortSpecs';
import { BlastRadiusChip, StatusChip } from '../StatusChip';
import {
  AcceptanceProgress,
  CostDelta,
  SpecBadges,
  UpdatedDate,
} from '../SpecFields';

export type SpecsTableColumn = SpecColumn | 'component' | 'owner' | 'badges';

interface ColumnDef {
  title: string;
  align?: 'right';
  /** Columns of prose may wrap; the others keep their values on one line. */
  wrap?: boolean;
  cell(spec: SpecRecord, detailHref?: string): ReactNode;
}

const COLUMNS: Record<SpecsTableColumn, ColumnDef> = {
  id: {
    title: 'ID',
    cell: (spec, href) => {
      const id = spec.document.id ?? '—';
      return href ? <Link to={href}>{id}</Link> : id;
    },
  },
  title: {
    title: 'Title',
    wrap: true,
    cell: spec => (
      <EntityRefLink entityRef={spec.entityRef} hideIcon disableTooltip>
        {spec.document.title || spec.name}
      </EntityRefLink>
    ),
  },
  component: {
    title: 'Component',
    cell: spec => <EntityRefLink entityRef={spec.componentRef} hideIcon />,
  },
  owner: {
    title: 'Owner',
    cell: spec => <EntityRefLink entityRef={spec.ownerRef} hideIcon />,
  },
  status: {
    title: 'Status',
    cell: spec => (
      <StatusChip
        status={spec.document.status}
        statusText={spec.document.statusText}
      />
    ),
  },
  format: { title: 'Format', cell: spec => formatLabel(spec.document.format) },
  blastRadius: {
    title: 'Blast radius',
    cell: spec => (
      <BlastRadiusChip
        level={spec.document.impact.blastRadius.level}
        text={spec.document.impact.blastRadius.text}
      />
    ),
  },
  rollback: {
    title: 'Rollback',
    cell: spec => rollbackLabel(spec.document.impact.rollback),
  },
  downtime: {
    title: 'Downtime',
    cell: spec => downtimeLabel(spec.document.impact.downtime),
  },
  monthlyCostDelta: {
    title: 'Monthly cost',
    align: 'right',
    cell: spec => (
      <CostDelta
        amount={spec.document.cost.monthlyDelta}
        currency={spec.document.cost.currency}
      />
    ),
  },
  acceptance: {
    title: 'Acceptance',
    cell: spec => <AcceptanceProgress acceptance={spec.document.acceptance} />,
  },
  badges: {
    title: 'Attention',
    wrap: true,
    cell: spec => <SpecBadges spec={spec} />,
  },
  updated: { title: 'Updated', cell: spec => <UpdatedDate spec={spec} /> },
};

export interface SpecsTableProps {
  specs: readonly SpecRecord[];
  columns: readonly SpecsTableColumn[];
  sort: SpecSort;
  /** Columns that can be sorted (all sortable columns when absent). */
  sortable?: readonly SpecColumn[];
  onSortChange(sort: SpecSort): void;
  /** Where the ID links to (the spec's detail view), when it has one. */
  detailHref?(spec: SpecRecord): string | undefined;
  /** Rows after the body: sums and the like. */
  footer?(columns: readonly SpecsTableColumn[]): ReactNode;
  ariaLabel: string;
}

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  wrap: { minWidth: 180 },
});

const isSortable = (c: SpecsTableColumn): c is SpecColumn =>
  c !== 'component' && c !== 'owner' && c !== 'badges';

/** The specs table of the Specs tab and the portfolio page. */
export function SpecsTable(props: SpecsTableProps) {
  const { specs, columns, sort, onSortChange, detailHref } = props;
  const classes = useStyles();
  const cellClass = (column: SpecsTableColumn) =>
    COLUMNS[column].wrap ? classes.wrap : classes.nowrap;
  const sortable = (c: SpecsTableColumn): c is SpecColumn =>
    isSortable(c) && (!props.sortable || props.sortable.includes(c));

  return (
    <TableContainer>
      <Table size="small" aria-label={props.ariaLabel}>
        <TableHead>
          <TableRow>
            {columns.map(column => {
              const def = COLUMNS[column];
              return (
                <TableCell
                  key={column}
                  align={def.align}
                  className={classes.nowrap}
                  sortDirection={
                    sort.column === column ? sort.direction : false
                  }
                >
                  {sortable(column) ? (
                    <TableSortLabel
                      active={sort.column === column}
                      direction={
                        sort.column === column ? sort.direction : 'asc'
                      }
                      onClick={() =>
                        onSortChange({
                          column,
                          direction:
                            sort.column === column && sort.direction === 'asc'
                              ? 'desc'
                              : 'asc',
                        })
                      }
                    >
                      {def.title}
                    </TableSortLabel>
                  ) : (
                    def.title
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {specs.map(spec => (
            <TableRow
              key={spec.name}
              hover
              data-testid={`spec-row-${spec.name}`}
            >
              {columns.map(column => (
                <TableCell
                  key={column}
                  align={COLUMNS[column].align}
                  className={cellClass(column)}
                >
                  {COLUMNS[column].cell(spec, detailHref?.(spec))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
        {props.footer?.(columns)}
      </Table>
    </TableContainer>
  );
}
