import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import {
  statusColor,
  statusLabel,
  type SpecStatusChange,
} from '@infra-specs/backstage-plugin-infra-specs-common';

const useStyles = makeStyles({
  noOpposite: { '&:before': { display: 'none' } },
  timeline: { padding: 0, margin: 0 },
});

/** The status changes the indexer observed, newest first. */
export function StatusHistory(props: { history: readonly SpecStatusChange[] }) {
  const classes = useStyles();
  const changes = [...props.history].sort((a, b) =>
    b.observedAt.localeCompare(a.observedAt),
  );
  if (!changes.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No status changes recorded yet.
      </Typography>
    );
  }
  return (
    <Timeline
      align="left"
      aria-label="Status history"
      className={classes.timeline}
    >
      {changes.map((change, i) => {
        const at = DateTime.fromISO(change.observedAt);
        return (
          <TimelineItem
            key={`${change.observedAt}-${i}`}
            classes={{ missingOppositeContent: classes.noOpposite }}
          >
            <TimelineSeparator>
              <TimelineDot
                style={{ backgroundColor: statusColor(change.to) }}
              />
              {i < changes.length - 1 && <TimelineConnector />}
            </TimelineSeparator>
            <TimelineContent>
              <Typography variant="body2">
                {change.from
                  ? `${statusLabel(change.from)} → ${statusLabel(change.to)}`
                  : `First seen as ${statusLabel(change.to)}`}
              </Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {at.isValid
                  ? at.toLocaleString(DateTime.DATETIME_MED)
                  : change.observedAt}
              </Typography>
            </TimelineContent>
          </TimelineItem>
        );
      })}
    </Timeline>
  );
}
