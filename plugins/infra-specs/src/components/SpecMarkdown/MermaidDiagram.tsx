import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { useMermaid } from './useMermaid';

const useStyles = makeStyles(theme => ({
  diagram: {
    margin: theme.spacing(2, 0),
    overflowX: 'auto',
    '& svg': { maxWidth: '100%', height: 'auto' },
  },
  source: {
    margin: theme.spacing(1, 0, 0),
    fontSize: '0.85em',
    whiteSpace: 'pre-wrap',
  },
}));

/** A mermaid code block drawn as a diagram; a diagram that does not parse shows why, with its source. */
export function MermaidDiagram(props: { code: string }) {
  const classes = useStyles();
  const dark = useTheme().palette.type === 'dark';
  const result = useMermaid(props.code, dark);
  if (result.state === 'loading') {
    return <Progress />;
  }
  if (result.state === 'error') {
    return (
      <Alert severity="warning" className={classes.diagram}>
        <Typography variant="body2">
          This mermaid diagram could not be drawn: {result.message}
        </Typography>
        <pre className={classes.source}>{props.code}</pre>
      </Alert>
    );
  }
  return (
    <div
      className={classes.diagram}
      data-testid="mermaid-diagram"
      role="img"
      // mermaid sanitized the SVG (securityLevel: 'strict')
      dangerouslySetInnerHTML={{ __html: result.svg }}
    />
  );
}
