import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import type { SpecColumn, SpecSort } from '../../lib/sortSpecs';
import { COLUMNS } from './columns';

/**
 * Sorting by any sortable column, for when some of them have folded into the row detail
 * and so have no header to click.
 */
export function SortSelect(props: {
  /** Unique on the page: it ties the label to the select. */
  id: string;
  columns: readonly SpecColumn[];
  sort: SpecSort;
  onSortChange(sort: SpecSort): void;
}) {
  const { sort, onSortChange } = props;
  const ascending = sort.direction === 'asc';
  return (
    <Box display="flex" justifyContent="flex-end" alignItems="center" mb={1}>
      <TextField
        select
        id={props.id}
        size="small"
        variant="outlined"
        label="Sort by"
        value={sort.column}
        onChange={e =>
          onSortChange({
            column: e.target.value as SpecColumn,
            direction: sort.direction,
          })
        }
      >
        {props.columns.map(column => (
          <MenuItem key={column} value={column}>
            {COLUMNS[column].title}
          </MenuItem>
        ))}
      </TextField>
      <IconButton
        size="small"
        aria-label={ascending ? 'Sorted ascending' : 'Sorted descending'}
        title="Reverse the order"
        onClick={() =>
          onSortChange({
            column: sort.column,
            direction: ascending ? 'desc' : 'asc',
          })
        }
      >
        {ascending ? <ArrowUpwardIcon /> : <ArrowDownwardIcon />}
      </IconButton>
    </Box>
  );
}
