import { Fragment, useState, type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecColumn, SpecSort } from '../../lib/sortSpecs';
import { COLUMNS, layoutColumns, type SpecsTableColumn } from './columns';
import { SortSelect } from './SortSelect';
import { SpecRowDetail, UnderTitle } from './SpecRowDetail';

export type { SpecsTableColumn } from './columns';

export interface SpecsTableProps {
  specs: readonly SpecRecord[];
  /** Every column; on a window narrower than `xl` the less important ones fold away. */
  columns: readonly SpecsTableColumn[];
  sort: SpecSort;
  /** Columns that can be sorted (all sortable columns when absent). */
  sortable?: readonly SpecColumn[];
  onSortChange(sort: SpecSort): void;
  /** Where the ID links to (the spec's detail view), when it has one. */
  detailHref?(spec: SpecRecord): string | undefined;
  /** Rows after the body: sums and the like, given the columns that have cells. */
  footer?(columns: readonly SpecsTableColumn[]): ReactNode;
  ariaLabel: string;
}

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  wrap: { minWidth: 180 },
  id: { minWidth: 90, maxWidth: 200 },
  // amounts line up digit under digit
  amount: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  toggle: { marginLeft: theme.spacing(-1), padding: 2 },
}));

const isSortable = (c: SpecsTableColumn): c is SpecColumn =>
  c !== 'component' && c !== 'owner' && c !== 'badges';

/**
 * The specs table of the Specs tab and the portfolio page. At `xl` every column has a cell;
 * below, only id, title, status, blast radius and cost do, so that they fit a laptop screen.
 */
export function SpecsTable(props: SpecsTableProps) {
  const { specs, columns, sort, onSortChange, detailHref } = props;
  const classes = useStyles();
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('xl'), {
    noSsr: true,
  });
  const layout = layoutColumns(columns, wide);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) =>
    setExpanded(prev => {
      const next = new Set(prev);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const cellClass = (column: SpecsTableColumn) => {
    if (column === 'id') return classes.id;
    if (column === 'monthlyCostDelta') return classes.amount;
    return COLUMNS[column].wrap ? classes.wrap : classes.nowrap;
  };
  const sortable = (c: SpecsTableColumn): c is SpecColumn =>
    isSortable(c) && (!props.sortable || props.sortable.includes(c));
  const hasDetail = layout.detail.length > 0;

  const cell = (spec: SpecRecord, column: SpecsTableColumn) => {
    const content = COLUMNS[column].cell(spec, detailHref?.(spec));
    if (column === 'id' && hasDetail) {
      const open = expanded.has(spec.name);
      return (
        <Box display="flex" alignItems="center">
          <IconButton
            size="small"
            className={classes.toggle}
            aria-expanded={open}
            aria-controls={`spec-detail-${spec.name}`}
            aria-label={`Details of ${spec.document.id ?? spec.name}`}
            onClick={() => toggle(spec.name)}
          >
            {open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
          <span>{content}</span>
        </Box>
      );
    }
    if (column === 'title' && layout.underTitle.length > 0) {
      return (
        <>
          {content}
          <UnderTitle spec={spec} columns={layout.underTitle} />
        </>
      );
    }
    return content;
  };

  return (
    <>
      {layout.detail.some(sortable) && (
        <SortSelect
          id={`sort-${props.ariaLabel
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')}`}
          columns={columns.filter(sortable)}
          sort={sort}
          onSortChange={onSortChange}
        />
      )}
      <TableContainer>
        <Table size="small" aria-label={props.ariaLabel}>
          <TableHead>
            <TableRow>
              {layout.inline.map(column => {
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
              <Fragment key={spec.name}>
                <TableRow hover data-testid={`spec-row-${spec.name}`}>
                  {layout.inline.map(column => (
                    <TableCell
                      key={column}
                      align={COLUMNS[column].align}
                      className={cellClass(column)}
                    >
                      {cell(spec, column)}
                    </TableCell>
                  ))}
                </TableRow>
                {hasDetail && expanded.has(spec.name) && (
                  <SpecRowDetail
                    spec={spec}
                    columns={layout.detail}
                    colSpan={layout.inline.length}
                  />
                )}
              </Fragment>
            ))}
          </TableBody>
          {props.footer?.(layout.inline)}
        </Table>
      </TableContainer>
    </>
  );
}
