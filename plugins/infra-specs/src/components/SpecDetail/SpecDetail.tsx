import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import Alert from '@material-ui/lab/Alert';
import {
  InfoCard,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { SpecDetail as SpecDetailData } from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { PullRequestChip } from '../PullRequestChip';
import { SpecMarkdown } from '../SpecMarkdown';
import { relativeTime } from '../SpecFields';
import { hasEvidence } from '../../lib/evidence';
import { DiagnosticsList } from './DiagnosticsList';
import { EvidenceCard } from './EvidenceCard';
import { SpecFacts } from './SpecFacts';
import { StatusHistory } from './StatusHistory';

/** The facts of a stored spec for {@link SpecFacts}. */
export function factsOf(spec: SpecDetailData) {
  const d = spec.document;
  return {
    id: d.id,
    status: d.status,
    statusText: d.statusText,
    format: d.format,
    componentRef: spec.componentRef,
    ownerRef: spec.ownerRef,
    blastRadius: d.impact.blastRadius.level,
    blastRadiusText: d.impact.blastRadius.text,
    rollback: d.impact.rollback,
    downtime: d.impact.downtime,
    monthlyCostDelta: d.cost.monthlyDelta,
    currency: d.cost.currency,
    acceptance: d.acceptance,
    author: d.author,
    updated: d.updated,
    issue: d.issue,
    viewUrl: spec.viewUrl,
  };
}

export interface SpecDetailViewProps {
  spec: SpecDetailData;
  /** Show the facts grid (the Spec entity page has them in its about card already). */
  showFacts?: boolean;
  backHref?: string;
}

/** One spec: facts, findings, open questions, its evidence, the rendered document and its status history. */
export function SpecDetailView(props: SpecDetailViewProps) {
  const { spec, showFacts = true, backHref } = props;
  const d = spec.document;
  const viewUrl =
    spec.viewUrl && /^https?:/i.test(spec.viewUrl) ? spec.viewUrl : null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          {backHref && (
            <LinkButton
              to={backHref}
              startIcon={<ArrowBackIcon />}
              size="small"
            >
              All specs
            </LinkButton>
          )}
          <Typography variant="h5" component="h2" style={{ flex: 1 }}>
            {d.id ? `${d.id} ` : ''}
            {d.title || spec.name}
          </Typography>
          <PullRequestChip spec={spec} />
          {viewUrl && (
            <LinkButton
              to={viewUrl}
              variant="outlined"
              size="small"
              endIcon={<OpenInNewIcon />}
            >
              Source file
            </LinkButton>
          )}
        </Box>
        <Typography variant="caption" color="textSecondary">
          {spec.path} · indexed {relativeTime(spec.indexedAt)}
          {spec.removedAt &&
            ` · removed from its location ${relativeTime(spec.removedAt)}`}
        </Typography>
      </Grid>
      {spec.proposed && spec.pullRequest && (
        <Grid item xs={12}>
          <Alert severity="info">
            Proposed in{' '}
            <Link to={spec.pullRequest.url}>PR #{spec.pullRequest.number}</Link>
            : this spec exists only on the pull request's branch and is not
            merged yet. It becomes a merged spec when the pull request is.
          </Alert>
        </Grid>
      )}
      {spec.removedAt && (
        <Grid item xs={12}>
          <Alert severity="info">
            This file is no longer in its spec location; it is kept for its
            history.
          </Alert>
        </Grid>
      )}
      {showFacts && (
        <Grid item xs={12}>
          <InfoCard title="About">
            <SpecFacts facts={factsOf(spec)} />
          </InfoCard>
        </Grid>
      )}
      {(d.diagnostics.length > 0 || d.openClarifications.length > 0) && (
        <Grid item xs={12}>
          <InfoCard title="Findings">
            {d.openClarifications.length > 0 && (
              <>
                <Typography variant="subtitle2">Open clarifications</Typography>
                <List dense aria-label="Open clarifications">
                  {d.openClarifications.map((q, i) => (
                    <ListItem key={i} disableGutters>
                      <ListItemText primary={q} />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            {d.diagnostics.length > 0 && (
              <>
                <Typography variant="subtitle2">Diagnostics</Typography>
                <DiagnosticsList
                  diagnostics={d.diagnostics}
                  viewUrl={viewUrl}
                />
              </>
            )}
          </InfoCard>
        </Grid>
      )}
      {hasEvidence(d) && (
        <Grid item xs={12}>
          <EvidenceCard document={d} viewUrl={viewUrl} />
        </Grid>
      )}
      <Grid item xs={12} md={showFacts ? 9 : 12}>
        <InfoCard title="Document">
          <SpecMarkdown markdown={spec.markdown} viewUrl={viewUrl} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={showFacts ? 3 : 12}>
        <InfoCard title="Status history">
          <StatusHistory history={spec.history} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** Fetches a spec by name (GET /specs/:name) and shows it. */
export function SpecDetail(
  props: Omit<SpecDetailViewProps, 'spec'> & { name: string },
) {
  const { name, ...rest } = props;
  const api = useApi(infraSpecsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getSpec(name),
    [api, name],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <>
        {rest.backHref && (
          <Box mb={2}>
            <Link to={rest.backHref}>Back to all specs</Link>
          </Box>
        )}
        <ResponseErrorPanel error={error} />
      </>
    );
  }
  return value ? <SpecDetailView spec={value} {...rest} /> : null;
}
