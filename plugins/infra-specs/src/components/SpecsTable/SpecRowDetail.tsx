import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { SpecRecord } from '@infra-specs/backstage-plugin-infra-specs-common';
import { COLUMNS, type SpecsTableColumn } from './columns';

const useStyles = makeStyles(theme => ({
  // read by screen readers, not shown: the line under the title has no headers
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  context: { display: 'block', marginTop: theme.spacing(0.25) },
  badges: { marginTop: theme.spacing(0.5), '&:empty': { display: 'none' } },
  panel: { backgroundColor: theme.palette.background.default },
  fields: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 4),
    margin: theme.spacing(0.5, 0),
  },
  field: { margin: 0, '& dd': { margin: 0 } },
}));

/** The folded context (component, owner) and attention badges, under a spec's title. */
export function UnderTitle(props: {
  spec: SpecRecord;
  columns: readonly SpecsTableColumn[];
}) {
  const classes = useStyles();
  const context = props.columns.filter(c => c !== 'badges');
  return (
    <>
      {context.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.context}
        >
          {context.map((column, i) => (
            <span key={column}>
              {i > 0 && ' · '}
              <span className={classes.srOnly}>{COLUMNS[column].title}: </span>
              {COLUMNS[column].cell(props.spec)}
            </span>
          ))}
        </Typography>
      )}
      {props.columns.includes('badges') && (
        <div className={classes.badges}>{COLUMNS.badges.cell(props.spec)}</div>
      )}
    </>
  );
}

/** The row under a spec's row with the fields that have no cell of their own. */
export function SpecRowDetail(props: {
  spec: SpecRecord;
  columns: readonly SpecsTableColumn[];
  colSpan: number;
}) {
  const { spec, columns } = props;
  const classes = useStyles();
  return (
    <TableRow
      data-testid={`spec-detail-${spec.name}`}
      className={classes.panel}
    >
      <TableCell colSpan={props.colSpan} id={`spec-detail-${spec.name}`}>
        <Box component="dl" className={classes.fields}>
          {columns.map(column => (
            <div key={column} className={classes.field}>
              <Typography
                variant="caption"
                color="textSecondary"
                component="dt"
              >
                {COLUMNS[column].title}
              </Typography>
              <Typography variant="body2" component="dd">
                {COLUMNS[column].cell(spec)}
              </Typography>
            </div>
          ))}
        </Box>
      </TableCell>
    </TableRow>
  );
}
