import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ResultHighlight,
  SearchDocument,
} from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { InfraSpecSearchDocument } from '@infra-specs/backstage-plugin-infra-specs-common';
import { BlastRadiusChip, StatusChip } from '../components/StatusChip';
import { CostDelta } from '../components/SpecFields';

const useStyles = makeStyles(theme => ({
  item: { display: 'flex' },
  body: { flexWrap: 'wrap', width: '100%' },
  text: {
    width: '100%',
    wordBreak: 'break-word',
    marginBottom: theme.spacing(1),
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(2),
  },
}));

/** Props of {@link InfraSpecSearchResultListItem}. @public */
export interface InfraSpecSearchResultListItemProps {
  /** The search document (an `infra-spec` document from the search collator module). */
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode | ((result: SearchDocument) => ReactNode);
  /** Lines of text shown before it is cut. Default 3. */
  lineClamp?: number;
}

function Highlighted(props: {
  text: string;
  field: string;
  highlight?: ResultHighlight;
}) {
  const { highlight, field } = props;
  const highlighted = highlight?.fields[field];
  return highlighted && highlight ? (
    <HighlightedSearchResultText
      text={highlighted}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{props.text}</>
  );
}

/**
 * A search result of type `infra-spec`: the spec's id and title (with the matched words
 * highlighted), a piece of its text, and its status, component, blast radius and monthly cost.
 */
export function InfraSpecSearchResultListItemContent(
  props: InfraSpecSearchResultListItemProps,
) {
  const classes = useStyles();
  const { highlight } = props;
  if (!props.result) return null;
  const result = props.result as SearchDocument &
    Partial<InfraSpecSearchDocument>;
  const icon =
    typeof props.icon === 'function' ? props.icon(props.result) : props.icon;
  return (
    <div className={classes.item} data-testid="infra-spec-search-result">
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.body}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                text={result.title}
                field="title"
                highlight={highlight}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              variant="body2"
              color="textSecondary"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: props.lineClamp ?? 3,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                text={result.text}
                field="text"
                highlight={highlight}
              />
            </Typography>
          }
        />
        <Box className={classes.facts}>
          {result.status && <StatusChip status={result.status} />}
          {result.component && (
            <Typography variant="body2" component="span">
              Component:{' '}
              <EntityRefLink
                entityRef={result.component}
                defaultKind="component"
              />
            </Typography>
          )}
          {result.blastRadius && <BlastRadiusChip level={result.blastRadius} />}
          <CostDelta
            amount={result.monthlyCostDelta}
            currency={result.currency}
          />
        </Box>
      </div>
    </div>
  );
}
