import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { costEvidenceOf, formatEstimate, isDrifting } from '../../lib/evidence';
import { CostDelta } from '../SpecFields';
import { CostDriftBadge } from './CostDriftBadge';

/** A muted note under the claim, its diagnostic's message on hover and focus. */
function Note(props: {
  text: string;
  title: string;
  testId: string;
  error?: boolean;
}) {
  return (
    <Tooltip title={props.title}>
      <Typography
        variant="caption"
        color={props.error ? 'error' : 'textSecondary'}
        data-testid={props.testId}
        tabIndex={0}
      >
        {props.text}
      </Typography>
    </Tooltip>
  );
}

/**
 * The claimed monthly cost with, under it, what the evidence says: the Infracost estimate and a
 * drift badge when it is beyond the thresholds, "not estimated" when no estimate is linked, or
 * that the estimate is unreadable. Unchecked specs (an older backend) show the claim alone.
 */
export function ClaimedCost(props: { spec: SpecRecord }) {
  const { document, viewUrl } = props.spec;
  const evidence = costEvidenceOf(document);
  const claim = (
    <CostDelta
      amount={document.cost.monthlyDelta}
      currency={document.cost.currency}
    />
  );
  if (evidence.kind === 'unchecked') return claim;
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      {claim}
      {evidence.kind === 'estimated' && (
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          flexWrap="wrap"
          style={{ gap: 4 }}
        >
          <Typography
            variant="caption"
            color="textSecondary"
            data-testid="cost-estimate"
          >
            {formatEstimate(
              evidence.estimate.monthlyDelta,
              evidence.estimate.currency,
            )}
          </Typography>
          {isDrifting(evidence.drift) && (
            <CostDriftBadge
              drift={evidence.drift}
              warning={evidence.driftWarning}
              source={evidence.estimate.source}
              viewUrl={viewUrl}
            />
          )}
          {evidence.currencyMismatch && (
            <Note
              text="other currency"
              title={evidence.currencyMismatch.message}
              testId="cost-currency-mismatch"
            />
          )}
        </Box>
      )}
      {evidence.kind === 'not-estimated' && (
        <Note
          text="not estimated"
          title={
            evidence.unverified?.message ??
            'No Infracost estimate is linked to this spec'
          }
          testId="cost-not-estimated"
        />
      )}
      {evidence.kind === 'invalid' && (
        <Note
          text="estimate unreadable"
          title={evidence.error.message}
          testId="cost-estimate-invalid"
          error
        />
      )}
    </Box>
  );
}
