import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { sumMonthlyDeltas } from '../../lib/money';
import { CostDelta } from '../SpecFields';
import type { SpecsTableColumn } from './columns';

/** The footer row with the sum of the monthly cost deltas of the rows shown, per currency. */
export function CostFooter(props: {
  specs: readonly SpecRecord[];
  columns: readonly SpecsTableColumn[];
}) {
  const { specs, columns } = props;
  const costIndex = columns.indexOf('monthlyCostDelta');
  if (costIndex < 0) return null;
  const { totals, withoutEstimate } = sumMonthlyDeltas(specs);
  return (
    <TableFooter>
      <TableRow data-testid="cost-footer">
        <TableCell colSpan={costIndex}>
          <Typography variant="body2">
            <strong>Total monthly cost delta</strong> of {specs.length} spec
            {specs.length === 1 ? '' : 's'}
            {withoutEstimate > 0 && ` (${withoutEstimate} without an estimate)`}
          </Typography>
        </TableCell>
        <TableCell
          align="right"
          data-testid="cost-total"
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {totals.length === 0 ? (
            <CostDelta amount={null} currency={null} />
          ) : (
            totals.map(total => (
              <div key={total.currency ?? 'none'}>
                <CostDelta amount={total.amount} currency={total.currency} />
              </div>
            ))
          )}
        </TableCell>
        {costIndex < columns.length - 1 && (
          <TableCell colSpan={columns.length - costIndex - 1} />
        )}
      </TableRow>
    </TableFooter>
  );
}
