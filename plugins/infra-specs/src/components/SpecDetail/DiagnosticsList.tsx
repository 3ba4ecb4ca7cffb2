import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ErrorIcon from '@material-ui/icons/Error';
import WarningIcon from '@material-ui/icons/Warning';
import InfoIcon from '@material-ui/icons/Info';
import { Link } from '@backstage/core-components';
import type { SpecDiagnostic } from '@infra-specs/backstage-plugin-infra-specs-common';
import { lineUrl } from '../SpecMarkdown';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

const icons = {
  error: <ErrorIcon color="error" titleAccess="error" />,
  warning: <WarningIcon style={{ color: '#b26a00' }} titleAccess="warning" />,
  info: <InfoIcon color="action" titleAccess="info" />,
};

/** The parser's findings, errors first, each with its line (linked to the file when possible). */
export function DiagnosticsList(props: {
  diagnostics: readonly SpecDiagnostic[];
  viewUrl: string | null;
}) {
  const sorted = [...props.diagnostics].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.line - b.line,
  );
  return (
    <List dense aria-label="Diagnostics">
      {sorted.map((d, i) => {
        const href = lineUrl(props.viewUrl, d.line);
        const where = `line ${d.line}`;
        return (
          <ListItem key={`${d.code}-${d.line}-${i}`} disableGutters>
            <ListItemIcon>{icons[d.severity] ?? icons.info}</ListItemIcon>
            <ListItemText
              primary={d.message}
              secondary={
                <>
                  {href ? <Link to={href}>{where}</Link> : where} · {d.code}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
