import { useState, type MouseEvent } from 'react';
import Chip from '@material-ui/core/Chip';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import {
  SPEC_COST_DRIFTS,
  costDriftLabel,
  vocabularyEntry,
  type SpecDiagnostic,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { costDriftName } from '../../lib/evidence';
import { lineUrl } from '../SpecMarkdown';

const useStyles = makeStyles(theme => ({
  // small enough to sit on the estimate's line without making the row taller
  chip: {
    height: 20,
    fontSize: '0.7rem',
    fontWeight: 600,
    color: '#ffffff',
    cursor: 'pointer',
  },
  popover: { padding: theme.spacing(1.5, 2), maxWidth: 420 },
  where: { marginTop: theme.spacing(1), overflowWrap: 'anywhere' },
}));

const httpUrl = (value: string) =>
  /^https?:\/\//i.test(value) ? value : undefined;

/**
 * An `over` / `under` cost drift as a badge in the vocabulary's colour. It opens the `cost-drift`
 * diagnostic's message (both figures, the difference and the estimate file) in a popover, with the
 * estimate's source and the line of the spec's cost.
 */
export function CostDriftBadge(props: {
  drift: 'over' | 'under';
  /** The `cost-drift` warning; the vocabulary's description stands in without one. */
  warning?: SpecDiagnostic;
  /** The estimate's file, as the backend read it. */
  source: string;
  /** The spec file's page, for a link to the line of the cost claim. */
  viewUrl?: string | null;
}) {
  const { drift, warning, source, viewUrl } = props;
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const name = costDriftName(drift);
  const entry = vocabularyEntry(SPEC_COST_DRIFTS, drift);
  const sourceHref = httpUrl(source);
  const lineHref = warning ? lineUrl(viewUrl, warning.line) : undefined;
  return (
    <>
      <Chip
        size="small"
        clickable
        label={costDriftLabel(drift)}
        aria-label={name}
        aria-haspopup="dialog"
        aria-expanded={Boolean(anchor)}
        data-testid={`cost-drift-badge-${drift}`}
        className={classes.chip}
        style={{ backgroundColor: entry?.color }}
        onClick={(event: MouseEvent<HTMLElement>) => {
          // the badge sits in a table row: the row's own click must not fire
          event.stopPropagation();
          setAnchor(event.currentTarget);
        }}
      />
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{
          role: 'dialog',
          'aria-label': name,
          className: classes.popover,
        }}
      >
        <Typography variant="subtitle2" gutterBottom>
          {name}
        </Typography>
        <Typography variant="body2">
          {warning?.message ?? entry?.description}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          className={classes.where}
        >
          Estimate:{' '}
          {sourceHref ? <Link to={sourceHref}>{source}</Link> : source}
          {warning && (
            <>
              {' · '}
              {lineHref ? (
                <Link to={lineHref}>spec line {warning.line}</Link>
              ) : (
                `spec line ${warning.line}`
              )}
            </>
          )}
        </Typography>
      </Popover>
    </>
  );
}
