import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  infraSpecsRefreshPermission,
  type SpecLocationState,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from '../../api/InfraSpecsApi';
import { relativeTime } from '../SpecFields';

/**
 * The refresh button: POST /refresh for this entity, enabled by `infra-specs.refresh` decided on
 * the component (so a policy's owner rule shows it only to the owners).
 */
export function RefreshButton(props: {
  entityRef: string;
  onRefreshed(location: SpecLocationState | undefined): void;
}) {
  const api = useApi(infraSpecsApiRef);
  const { allowed, loading } = usePermission({
    permission: infraSpecsRefreshPermission,
    resourceRef: props.entityRef,
  });
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();

  const refresh = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const { locations } = await api.refresh({ entityRef: props.entityRef });
      props.onRefreshed(locations[0]);
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(false);
    }
  };

  const button = (
    <span>
      <Button
        variant="outlined"
        size="small"
        startIcon={<RefreshIcon />}
        disabled={!allowed || loading || running}
        onClick={refresh}
      >
        {running ? 'Refreshing…' : 'Refresh'}
      </Button>
    </span>
  );
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          Refresh failed: {error.message}
        </Typography>
      )}
      {!allowed && !loading ? (
        <Tooltip title="You may not refresh the specs of this component (infra-specs.refresh)">
          {button}
        </Tooltip>
      ) : (
        <Tooltip title="Read the spec folder again now, e.g. after merging a change">
          {button}
        </Tooltip>
      )}
    </Box>
  );
}

/** When the specs were last read from the location, and the last read's error if it failed. */
export function LocationStatus(props: {
  location: SpecLocationState | null;
  entityRef: string;
  onRefreshed(location: SpecLocationState | undefined): void;
}) {
  const { location } = props;
  return (
    <Box mb={2}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="body2" color="textSecondary" style={{ flex: 1 }}>
          {location ? (
            <>
              Specs from <code>{location.target}</code>, last indexed{' '}
              <span data-testid="indexed-at">
                {relativeTime(location.indexedAt)}
              </span>
            </>
          ) : (
            'This component has no spec location of its own; these specs name it.'
          )}
        </Typography>
        {location && (
          <RefreshButton
            entityRef={props.entityRef}
            onRefreshed={props.onRefreshed}
          />
        )}
      </Box>
      {location?.lastError && (
        <Box mt={1}>
          <Alert severity="error">
            The last refresh of this location failed{' '}
            {relativeTime(location.lastError.at)}: {location.lastError.message}
            {location.nextAttemptAt &&
              ` Next attempt ${relativeTime(location.nextAttemptAt)}.`}
          </Alert>
        </Box>
      )}
      {location?.warnings?.map(w => (
        <Box mt={1} key={w}>
          <Alert severity="warning">{w}</Alert>
        </Box>
      ))}
    </Box>
  );
}
