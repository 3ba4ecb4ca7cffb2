import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { DateTime } from 'luxon';
import type {
  SpecProgress,
  SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { formatMonthlyDelta } from '../../lib/money';

const useStyles = makeStyles(theme => ({
  // palette.success is tuned per theme, so savings stay readable in light and dark mode
  savings: { color: theme.palette.success.main, fontWeight: 600 },
  cost: { fontWeight: 600 },
  progress: { minWidth: 80 },
  bar: { height: 6, borderRadius: 3 },
}));

/** A monthly cost delta; savings in the theme's success colour. */
export function CostDelta(props: {
  amount: number | null | undefined;
  currency: string | null | undefined;
}) {
  const classes = useStyles();
  const text = formatMonthlyDelta(props.amount, props.currency);
  if (!text) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        no estimate
      </Typography>
    );
  }
  return (
    <Typography
      variant="body2"
      component="span"
      className={text.savings ? classes.savings : classes.cost}
    >
      {text.text}
    </Typography>
  );
}

/** Acceptance criteria checked off, as a bar with `done/total`. */
export function AcceptanceProgress(props: { acceptance: SpecProgress }) {
  const classes = useStyles();
  const { done, total } = props.acceptance;
  if (total === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        none
      </Typography>
    );
  }
  const percent = Math.round((Math.min(done, total) / total) * 100);
  return (
    <Box className={classes.progress}>
      <Typography variant="caption">
        {done}/{total}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        className={classes.bar}
        aria-label={`${done} of ${total} acceptance criteria done`}
      />
    </Box>
  );
}

/** Badges for what blocks a spec: open clarifications and error diagnostics. */
export function SpecBadges(props: { spec: SpecRecord }) {
  const { document } = props.spec;
  const open = document.openClarifications.length;
  const errors = document.diagnostics.filter(
    d => d.severity === 'error',
  ).length;
  return (
    <Box display="flex" style={{ gap: 4 }} flexWrap="wrap">
      {open > 0 && (
        <Tooltip title={document.openClarifications.join(' · ')}>
          <Chip
            size="small"
            variant="outlined"
            icon={<HelpOutlineIcon />}
            label={`${open} open`}
            aria-label={`${open} open clarification${open === 1 ? '' : 's'}`}
          />
        </Tooltip>
      )}
      {errors > 0 && (
        <Tooltip
          title={document.diagnostics
            .filter(d => d.severity === 'error')
            .map(d => `line ${d.line}: ${d.message}`)
            .join(' · ')}
        >
          <Chip
            size="small"
            color="secondary"
            icon={<ErrorOutlineIcon />}
            label={`${errors} error${errors === 1 ? '' : 's'}`}
          />
        </Tooltip>
      )}
    </Box>
  );
}

/** `2026-02-01` as a date, with how long ago on hover. */
export function UpdatedDate(props: { spec: SpecRecord }) {
  const value = props.spec.document.updated ?? props.spec.contentChangedAt;
  const date = DateTime.fromISO(value);
  if (!date.isValid) return <span>{value}</span>;
  return (
    <Tooltip title={date.toRelative() ?? ''}>
      <span>{date.toISODate()}</span>
    </Tooltip>
  );
}

/** `3 hours ago`, or `never` for a missing timestamp. */
export function relativeTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = DateTime.fromISO(iso);
  return date.isValid ? date.toRelative() ?? iso : iso;
}
