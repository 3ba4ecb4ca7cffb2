import type { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  downtimeLabel,
  formatLabel,
  rollbackLabel,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import type { SpecColumn } from '../../lib/sortSpecs';
import Box from '@material-ui/core/Box';
import { ClaimedCost } from '../CostEvidence';
import { PullRequestChip } from '../PullRequestChip';
import { BlastRadiusChip, StatusChip } from '../StatusChip';
import { AcceptanceProgress, SpecBadges, UpdatedDate } from '../SpecFields';

export type SpecsTableColumn = SpecColumn | 'component' | 'owner' | 'badges';

/**
 * Where a column goes when the window is too narrow for all of them: the primary columns
 * (no `fold`) stay; context and attention go on a line under the title, the rest into the
 * row's detail panel.
 */
export type ColumnFold = 'underTitle' | 'detail';

export interface ColumnDef {
  title: string;
  align?: 'right';
  /** Columns of prose may wrap; the others keep their values on one line. */
  wrap?: boolean;
  fold?: ColumnFold;
  cell(spec: SpecRecord, detailHref?: string): ReactNode;
}

export const COLUMNS: Record<SpecsTableColumn, ColumnDef> = {
  id: {
    title: 'ID',
    // long ids (`INF-DB-CREDENTIAL-ROTATION`) break after their hyphens
    wrap: true,
    cell: (spec, href) => {
      const id = spec.document.id ?? '—';
      return href ? <Link to={href}>{id}</Link> : id;
    },
  },
  title: {
    title: 'Title',
    wrap: true,
    // A proposed spec is no catalog entity: its title links to its page, with the pull request beside it.
    cell: (spec, href) => (
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 6 }}
      >
        {spec.proposed ? (
          <span>
            {href ? (
              <Link to={href}>{spec.document.title || spec.name}</Link>
            ) : (
              spec.document.title || spec.name
            )}
          </span>
        ) : (
          <EntityRefLink entityRef={spec.entityRef} hideIcon disableTooltip>
            {spec.document.title || spec.name}
          </EntityRefLink>
        )}
        <PullRequestChip spec={spec} />
      </Box>
    ),
  },
  component: {
    title: 'Component',
    fold: 'underTitle',
    cell: spec => <EntityRefLink entityRef={spec.componentRef} hideIcon />,
  },
  owner: {
    title: 'Owner',
    fold: 'underTitle',
    cell: spec => <EntityRefLink entityRef={spec.ownerRef} hideIcon />,
  },
  status: {
    title: 'Status',
    cell: spec => (
      <StatusChip
        status={spec.document.status}
        statusText={spec.document.statusText}
      />
    ),
  },
  format: {
    title: 'Format',
    fold: 'detail',
    cell: spec => formatLabel(spec.document.format),
  },
  blastRadius: {
    title: 'Blast radius',
    cell: spec => (
      <BlastRadiusChip
        level={spec.document.impact.blastRadius.level}
        text={spec.document.impact.blastRadius.text}
      />
    ),
  },
  rollback: {
    title: 'Rollback',
    fold: 'detail',
    cell: spec => rollbackLabel(spec.document.impact.rollback),
  },
  downtime: {
    title: 'Downtime',
    fold: 'detail',
    cell: spec => downtimeLabel(spec.document.impact.downtime),
  },
  monthlyCostDelta: {
    title: 'Monthly cost',
    align: 'right',
    // the claim, with the Infracost estimate and its drift under it
    cell: spec => <ClaimedCost spec={spec} />,
  },
  acceptance: {
    title: 'Acceptance',
    fold: 'detail',
    cell: spec => <AcceptanceProgress acceptance={spec.document.acceptance} />,
  },
  badges: {
    title: 'Attention',
    wrap: true,
    fold: 'underTitle',
    cell: spec => <SpecBadges spec={spec} />,
  },
  updated: {
    title: 'Updated',
    fold: 'detail',
    cell: spec => <UpdatedDate spec={spec} />,
  },
};

export interface ColumnLayout {
  /** Columns with their own cell, in the order asked for. */
  inline: SpecsTableColumn[];
  /** Shown on a line under the title (when the title is inline). */
  underTitle: SpecsTableColumn[];
  /** Shown in the row's detail panel. */
  detail: SpecsTableColumn[];
}

/** Which columns keep a cell: all of them on a wide window, else only the primary ones. */
export function layoutColumns(
  columns: readonly SpecsTableColumn[],
  wide: boolean,
): ColumnLayout {
  const fold = (c: SpecsTableColumn) => (wide ? undefined : COLUMNS[c].fold);
  // without a title cell there is no line under it: those columns go to the detail
  const hasTitle = columns.includes('title');
  return {
    inline: columns.filter(c => !fold(c)),
    underTitle: hasTitle ? columns.filter(c => fold(c) === 'underTitle') : [],
    detail: columns.filter(
      c => fold(c) === 'detail' || (!hasTitle && fold(c) === 'underTitle'),
    ),
  };
}
