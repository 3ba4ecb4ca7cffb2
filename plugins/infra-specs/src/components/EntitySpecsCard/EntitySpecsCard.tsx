import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { specsNeedingAttention, REVIEW_STALE_DAYS } from '../../lib/attention';
import { isInfraSpecsAvailable } from '../../lib/availability';
import { countCostDrifts, driftSentence } from '../../lib/evidence';
import { sumMonthlyDeltas } from '../../lib/money';
import { BlastRadiusChip, StatusChip } from '../StatusChip';
import { CostDelta } from '../SpecFields';
import { countByStatus, highestBlastRadius } from './summarizeSpecs';

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * The component overview's specs card: counts by status, the total monthly cost delta, the
 * highest blast radius in play and the specs that need someone.
 *
 * @public
 */
export function EntitySpecsCard() {
  const { entity } = useEntity();
  const api = useApi(infraSpecsApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntitySpecs(entityRef),
    [api, entityRef],
  );
  const tabPath = `${entityRoute(
    entityRouteParams(entity, { encodeParams: true }),
  )}/specs`;

  if (!isInfraSpecsAvailable(entity)) {
    return (
      <InfoCard title="Specs">
        <Typography variant="body2">
          Add the <code>infra-specs.dev/spec-location</code> annotation to show
          this component's specs.
        </Typography>
      </InfoCard>
    );
  }
  if (loading) {
    return (
      <InfoCard title="Specs">
        <Progress />
      </InfoCard>
    );
  }
  if (error)
    return (
      <ResponseErrorPanel error={error} title="Specs could not be loaded" />
    );

  // Proposed specs (only on an open pull request's branch) are counted apart from merged ones.
  const specs = (value?.items ?? []).filter(s => !s.removedAt && !s.proposed);
  const proposed = (value?.items ?? []).filter(s => s.proposed).length;
  const counts = countByStatus(specs);
  const { totals, withoutEstimate } = sumMonthlyDeltas(specs);
  const highest = highestBlastRadius(specs);
  const attention = specsNeedingAttention(specs, new Date());
  // null when no spec drifts, or the backend does not check evidence
  const drifting = driftSentence(countCostDrifts(specs));

  return (
    <InfoCard
      title="Specs"
      subheader={`${specs.length} spec${specs.length === 1 ? '' : 's'}${
        proposed ? `, ${proposed} proposed in pull requests` : ''
      }`}
      deepLink={{ title: 'View all specs', link: tabPath }}
    >
      {specs.length === 0 ? (
        <Typography variant="body2">
          No specs yet.{' '}
          <Link to="/create/templates/default/infrastructure-change-spec">
            Create one
          </Link>
          .
        </Typography>
      ) : (
        <>
          <Section title="By status">
            <Box
              display="flex"
              flexWrap="wrap"
              style={{ gap: 6 }}
              data-testid="status-counts"
            >
              {counts.map(c => (
                <Box
                  key={c.status}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 4 }}
                >
                  <StatusChip status={c.status} />
                  <Typography variant="body2">{c.count}</Typography>
                </Box>
              ))}
            </Box>
          </Section>
          <Box display="flex" style={{ gap: 32 }} flexWrap="wrap">
            <Section title="Monthly cost delta">
              <div data-testid="card-cost-total">
                {totals.length === 0 ? (
                  <CostDelta amount={null} currency={null} />
                ) : (
                  totals.map(t => (
                    <div key={t.currency ?? 'none'}>
                      <CostDelta amount={t.amount} currency={t.currency} />
                    </div>
                  ))
                )}
              </div>
              {withoutEstimate > 0 && (
                <Typography variant="caption" color="textSecondary">
                  {withoutEstimate} without an estimate
                </Typography>
              )}
              {drifting && (
                <Typography
                  variant="body2"
                  data-testid="card-cost-drift"
                  style={{ marginTop: 4 }}
                >
                  <Link to={tabPath}>{drifting}</Link>
                </Typography>
              )}
            </Section>
            <Section title="Highest blast radius in play">
              {highest ? (
                <BlastRadiusChip level={highest} />
              ) : (
                <Typography variant="body2">—</Typography>
              )}
            </Section>
          </Box>
          <Section title="Needs attention">
            {attention.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                Nothing: no errors, open clarifications or reviews older than{' '}
                {REVIEW_STALE_DAYS} days.
              </Typography>
            ) : (
              <List dense disablePadding aria-label="Specs that need attention">
                {attention.map(({ spec, reasons }) => (
                  <ListItem key={spec.name} disableGutters>
                    <ListItemText
                      primary={
                        <Link
                          to={`${tabPath}/${encodeURIComponent(spec.name)}`}
                        >
                          {spec.document.id ? `${spec.document.id} ` : ''}
                          {spec.document.title || spec.name}
                        </Link>
                      }
                      secondary={reasons.join(', ')}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </Section>
        </>
      )}
    </InfoCard>
  );
}
