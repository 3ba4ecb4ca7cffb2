import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SpecSummary } from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  claimedVsEstimated,
  type ClaimedVsEstimatedRow,
} from '../../lib/estimatedTotals';
import { CostDelta } from '../SpecFields';
import { StatusChip } from '../StatusChip';

function TotalsTable(props: {
  label: string;
  heading: string;
  rows: ReadonlyArray<ClaimedVsEstimatedRow & { name: React.ReactNode }>;
  currency: string | null;
}) {
  const amount = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{props.heading}</TableCell>
          <TableCell align="right">Claimed</TableCell>
          <TableCell align="right">Estimated</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.key}>
            <TableCell>{row.name}</TableCell>
            <TableCell align="right" style={amount as React.CSSProperties}>
              <CostDelta amount={row.claimed} currency={props.currency} />
            </TableCell>
            <TableCell align="right" style={amount as React.CSSProperties}>
              {row.estimated === null ? (
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                >
                  —
                </Typography>
              ) : (
                <CostDelta amount={row.estimated} currency={props.currency} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The portfolio's estimated monthly totals beside the claimed ones, by status and by owner.
 * Nothing without `summary.estimated` (a backend that does not check evidence).
 */
export function ClaimedVsEstimatedCard(props: { summary: SpecSummary }) {
  const totals = claimedVsEstimated(props.summary);
  if (!totals) return null;
  const { estimatedCount: count, currency } = totals;
  return (
    <div data-testid="claimed-vs-estimated">
      <InfoCard
        title="Claimed and estimated monthly cost"
        subheader={[
          `Estimates from Infracost for ${count} spec${
            count === 1 ? '' : 's'
          }; claims of every spec`,
          totals.currencyCaveat ?? (currency ? `in ${currency}` : null),
        ]
          .filter(Boolean)
          .join(' · ')}
      >
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <TotalsTable
              label="Claimed and estimated monthly cost by status"
              heading="Status"
              currency={currency}
              rows={totals.byStatus.map(row => ({
                ...row,
                name: <StatusChip status={row.status} />,
              }))}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TotalsTable
              label="Claimed and estimated monthly cost by owner"
              heading="Owner (top 10)"
              currency={currency}
              rows={totals.byOwner.map(row => ({
                ...row,
                name: (
                  <EntityRefLink
                    entityRef={row.key}
                    defaultKind="group"
                    hideIcon
                  />
                ),
              }))}
            />
          </Grid>
        </Grid>
      </InfoCard>
    </div>
  );
}
