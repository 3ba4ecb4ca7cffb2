import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { InfoCard, Link } from '@backstage/core-components';
import {
  costDriftLabel,
  type SpecDocument,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import {
  PLAN_ACTIONS,
  costEvidenceOf,
  isDrifting,
  planEvidenceOf,
  type CostEvidence,
  type PlanEvidence,
} from '../../lib/evidence';
import { formatMoney } from '../../lib/money';
import { CostDriftBadge } from '../CostEvidence';
import { CostDelta } from '../SpecFields';

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  address: { fontFamily: 'monospace', overflowWrap: 'anywhere' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1, 3) },
  alert: { marginBottom: theme.spacing(2) },
}));

const httpUrl = (value: string) =>
  /^https?:\/\//i.test(value) ? value : undefined;

/** A file the evidence was read from: a link when it is on the web. */
function Source(props: { source: string }) {
  const href = httpUrl(props.source);
  return href ? <Link to={href}>{props.source}</Link> : <>{props.source}</>;
}

function Fields(props: { rows: Array<[string, ReactNode]> }) {
  const classes = useStyles();
  return (
    <dl className={classes.fields}>
      {props.rows.map(([term, value]) => (
        <Box key={term} display="contents">
          <Typography variant="body2" component="dt">
            {term}
          </Typography>
          <Typography variant="body2" component="dd">
            {value}
          </Typography>
        </Box>
      ))}
    </dl>
  );
}

/** `+$610.46/mo`, `$80.00/mo savings`: an estimated amount, to the cent. */
function estimateText(amount: number, currency: string | null): string {
  const text = formatMoney(Math.abs(amount), currency, { cents: true });
  if (amount < 0) return `${text}/mo savings`;
  return `${amount > 0 ? '+' : ''}${text}/mo`;
}

function EstimateSection(props: {
  document: SpecDocument;
  evidence: CostEvidence;
  viewUrl: string | null;
}) {
  const { document, evidence, viewUrl } = props;
  const classes = useStyles();
  const claim = (
    <CostDelta
      amount={document.cost.monthlyDelta}
      currency={document.cost.currency}
    />
  );
  if (evidence.kind === 'invalid') {
    return (
      <Alert severity="error" data-testid="estimate-error">
        <AlertTitle>The Infracost estimate cannot be used</AlertTitle>
        {evidence.error.message}
      </Alert>
    );
  }
  if (evidence.kind !== 'estimated') {
    return (
      <>
        <Fields rows={[['Claimed', claim]]} />
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="estimate-missing"
        >
          {evidence.kind === 'not-estimated'
            ? evidence.unverified?.message ??
              'No Infracost estimate is linked to this spec.'
            : 'The evidence of this spec was not checked.'}
        </Typography>
      </>
    );
  }
  const { estimate, drift } = evidence;
  const projects = estimate.projects ?? [];
  let driftValue: ReactNode = 'not compared';
  if (isDrifting(drift)) {
    driftValue = (
      <CostDriftBadge
        drift={drift}
        warning={evidence.driftWarning}
        source={estimate.source}
        viewUrl={viewUrl}
      />
    );
  } else if (drift) driftValue = costDriftLabel(drift);
  return (
    <>
      {evidence.driftWarning && (
        <Alert
          severity="warning"
          className={classes.alert}
          data-testid="cost-drift-message"
        >
          {evidence.driftWarning.message}
        </Alert>
      )}
      {evidence.currencyMismatch && (
        <Alert severity="warning" className={classes.alert}>
          {evidence.currencyMismatch.message}
        </Alert>
      )}
      <Fields
        rows={[
          ['Claimed', claim],
          [
            'Estimated',
            <span data-testid="evidence-estimate">
              {estimateText(estimate.monthlyDelta, estimate.currency)}
            </span>,
          ],
          ['Drift', driftValue],
          ['Currency', estimate.currency],
          ['Source', <Source source={estimate.source} />],
          ['Generated', estimate.generatedAt ?? 'not stated'],
        ]}
      />
      {projects.length > 1 && (
        <Table size="small" aria-label="Estimate by project">
          <TableHead>
            <TableRow>
              <TableCell>Project</TableCell>
              <TableCell align="right">Monthly delta</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {projects.map((p, i) => (
              <TableRow key={`${p.name}-${i}`}>
                <TableCell>{p.name}</TableCell>
                <TableCell align="right">
                  {p.monthlyDelta === null
                    ? 'not priced'
                    : estimateText(p.monthlyDelta, estimate.currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function PlanSection(props: { evidence: PlanEvidence }) {
  const { evidence } = props;
  const classes = useStyles();
  if (evidence.kind === 'invalid') {
    return (
      <Alert severity="error" data-testid="plan-error">
        <AlertTitle>The plan cannot be used</AlertTitle>
        {evidence.error.message}
      </Alert>
    );
  }
  if (evidence.kind === 'none') {
    return (
      <Typography variant="body2" color="textSecondary">
        No plan is linked to this spec.
      </Typography>
    );
  }
  const { plan, destructive, omitted } = evidence;
  const changed = plan.create + plan.update + plan.delete + plan.replace;
  return (
    <>
      <Fields rows={[['Source', <Source source={plan.source} />]]} />
      {changed === 0 ? (
        <Typography variant="body2">The plan changes no resources.</Typography>
      ) : (
        <Box
          component="ul"
          aria-label="Plan changes by action"
          className={classes.counts}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {PLAN_ACTIONS.map(({ action, label }) => (
            <li key={action} data-testid={`plan-count-${action}`}>
              <Typography variant="h6" component="span">
                {plan[action]}
              </Typography>{' '}
              <Typography variant="body2" component="span">
                {label}
              </Typography>
            </li>
          ))}
        </Box>
      )}
      {destructive.length > 0 && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Replaced and deleted
          </Typography>
          <List dense aria-label="Replaced and deleted resources">
            {destructive.map(r => (
              <ListItem key={r.address} disableGutters>
                <ListItemText
                  primary={<span className={classes.address}>{r.address}</span>}
                  secondary={r.action === 'replace' ? 'replaced' : 'deleted'}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      {omitted > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="plan-truncated"
        >
          The plan is truncated: {omitted.toLocaleString('en-US')} more changed
          resource{omitted === 1 ? ' is' : 's are'} counted but not listed.
        </Typography>
      )}
    </>
  );
}

/**
 * The spec against its evidence: the Infracost estimate beside the claimed cost, and what the
 * plan does (counts by action, replaced and deleted resources). A plan that contradicts the
 * claimed impact is said first; evidence that cannot be used shows its error, not an empty card.
 */
export function EvidenceCard(props: {
  document: SpecDocument;
  viewUrl: string | null;
}) {
  const { document, viewUrl } = props;
  const classes = useStyles();
  const cost = costEvidenceOf(document);
  const plan = planEvidenceOf(document);
  const contradiction = plan.kind === 'plan' ? plan.contradiction : undefined;
  return (
    <Box component="section" aria-label="Evidence" data-testid="spec-evidence">
      <InfoCard title="Evidence">
        {contradiction && (
          <Alert
            severity="warning"
            className={classes.alert}
            data-testid="plan-contradiction"
          >
            <AlertTitle>The plan contradicts the claimed impact</AlertTitle>
            {contradiction.message}
          </Alert>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle1" component="h3">
              Cost estimate
            </Typography>
            <EstimateSection
              document={document}
              evidence={cost}
              viewUrl={viewUrl}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle1" component="h3">
              Plan
            </Typography>
            <PlanSection evidence={plan} />
          </Grid>
        </Grid>
      </InfoCard>
    </Box>
  );
}
