import type { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  type BlastRadiusLevel,
  type SpecProgress,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { BlastRadiusChip, StatusChip } from '../StatusChip';
import { AcceptanceProgress, CostDelta } from '../SpecFields';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    textTransform: 'uppercase',
    fontSize: '0.7rem',
    fontWeight: 'bold',
    letterSpacing: 0.5,
  },
  value: { overflowWrap: 'anywhere' },
}));

/** What the about card and the detail header show; every field is optional. */
export interface SpecFactValues {
  id?: string | null;
  status?: string;
  statusText?: string | null;
  format?: string | null;
  componentRef?: string | null;
  ownerRef?: string | null;
  blastRadius?: BlastRadiusLevel | string | null;
  blastRadiusText?: string | null;
  rollback?: string | null;
  downtime?: string | null;
  monthlyCostDelta?: number | null;
  currency?: string | null;
  acceptance?: SpecProgress | null;
  author?: string | null;
  updated?: string | null;
  issue?: string | null;
  viewUrl?: string | null;
}

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="subtitle2" className={classes.label} component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.value}>
        {props.children}
      </Typography>
    </Grid>
  );
}

const safeHttp = (url: string | null | undefined) =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

/** The spec contract's fields as a grid of labelled values. */
export function SpecFacts(props: { facts: SpecFactValues }) {
  const f = props.facts;
  const issue = safeHttp(f.issue);
  const source = safeHttp(f.viewUrl);
  return (
    <Grid container spacing={2}>
      {f.id !== undefined && <Fact label="ID">{f.id ?? '—'}</Fact>}
      {f.status && (
        <Fact label="Status">
          <StatusChip status={f.status} statusText={f.statusText} />
        </Fact>
      )}
      <Fact label="Format">{formatLabel(f.format)}</Fact>
      <Fact label="Component">
        {f.componentRef ? <EntityRefLink entityRef={f.componentRef} /> : '—'}
      </Fact>
      <Fact label="Owner">
        {f.ownerRef ? <EntityRefLink entityRef={f.ownerRef} /> : '—'}
      </Fact>
      <Fact label="Blast radius">
        <BlastRadiusChip
          level={f.blastRadius ?? 'unknown'}
          text={f.blastRadiusText}
        />
      </Fact>
      <Fact label="Rollback">{rollbackLabel(f.rollback)}</Fact>
      <Fact label="Downtime">{downtimeLabel(f.downtime)}</Fact>
      <Fact label="Monthly cost">
        <CostDelta amount={f.monthlyCostDelta} currency={f.currency} />
      </Fact>
      <Fact label="Acceptance">
        {f.acceptance ? <AcceptanceProgress acceptance={f.acceptance} /> : '—'}
      </Fact>
      {f.author !== undefined && <Fact label="Author">{f.author ?? '—'}</Fact>}
      {f.updated !== undefined && (
        <Fact label="Last updated">{f.updated ?? '—'}</Fact>
      )}
      {f.issue !== undefined && (
        <Fact label="Issue">
          {issue ? <Link to={issue}>{issue}</Link> : f.issue ?? '—'}
        </Fact>
      )}
      <Fact label="Source">
        {source ? (
          <Link to={source}>View the spec file</Link>
        ) : (
          'not on a web host'
        )}
      </Fact>
    </Grid>
  );
}
