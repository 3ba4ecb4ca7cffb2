import type { TableColumn } from '@backstage/core-components';
import {
  CatalogTable,
  type CatalogTableColumnsFunc,
  type CatalogTableRow,
} from '@backstage/plugin-catalog';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  BLAST_RADIUS_LEVELS,
  SPEC_STATUSES,
  vocabularyEntry,
  type RankedVocabularyEntry,
  type SpecEntitySpec,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { BlastRadiusChip, StatusChip } from '../components/StatusChip';
import { CostDelta } from '../components/SpecFields';
import { isSpecKindFilter } from './filters';

const specOf = (row: CatalogTableRow) =>
  (row.entity.spec ?? {}) as Partial<SpecEntitySpec>;

const order = (
  vocabulary: ReadonlyArray<RankedVocabularyEntry>,
  value?: string,
) => vocabularyEntry(vocabulary, value)?.order ?? 0;

/** Specs without an estimate sort below every amount. */
function compareCosts(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) {
    return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1);
  }
  return a - b;
}

/*
 * Widths: beside the catalog's filters and row actions, a 1280-pixel window leaves the table
 * about 840 pixels. The short columns get shares (material-table would split the table
 * evenly) and half the usual side padding, keeping their chips and amounts on one line;
 * the name takes the rest and wraps.
 */
const narrow = {
  paddingLeft: 8,
  paddingRight: 8,
  // break between words (`Payments Team`), never inside one
  wordBreak: 'normal' as const,
};
const oneLine = { ...narrow, whiteSpace: 'nowrap' as const };

/** The columns of a list of Spec entities. @public */
export function createSpecColumns(): TableColumn<CatalogTableRow>[] {
  return [
    {
      ...CatalogTable.columns.createNameColumn({ defaultKind: 'Spec' }),
      // spec titles are long (`SPEC-0101 NAT Gateway per Availability Zone`)
      cellStyle: { minWidth: 150 },
    },
    {
      title: 'Status',
      width: '11%',
      cellStyle: oneLine,
      headerStyle: narrow,
      field: 'entity.spec.status',
      customSort: (a, b) =>
        order(SPEC_STATUSES, specOf(a).status) -
        order(SPEC_STATUSES, specOf(b).status),
      render: row => {
        const status = specOf(row).status;
        return status ? <StatusChip status={status} /> : null;
      },
    },
    {
      title: 'Component',
      field: 'entity.spec.component',
      width: '14%',
      cellStyle: narrow,
      headerStyle: narrow,
      render: row => {
        const component = specOf(row).component;
        return component ? (
          <EntityRefLink entityRef={component} defaultKind="component" />
        ) : null;
      },
    },
    {
      ...CatalogTable.columns.createOwnerColumn(),
      width: '12%',
      cellStyle: narrow,
      headerStyle: narrow,
    },
    {
      title: 'Blast radius',
      field: 'entity.spec.blastRadius',
      width: '10%',
      cellStyle: oneLine,
      headerStyle: narrow,
      customSort: (a, b) =>
        order(BLAST_RADIUS_LEVELS, specOf(a).blastRadius) -
        order(BLAST_RADIUS_LEVELS, specOf(b).blastRadius),
      render: row => {
        const level = specOf(row).blastRadius;
        return level ? <BlastRadiusChip level={level} /> : null;
      },
    },
    {
      title: 'Monthly cost',
      field: 'entity.spec.monthlyCostDelta',
      align: 'right',
      type: 'numeric',
      width: '13%',
      // digits line up under each other
      cellStyle: { ...oneLine, fontVariantNumeric: 'tabular-nums' },
      headerStyle: narrow,
      customSort: (a, b) =>
        compareCosts(specOf(a).monthlyCostDelta, specOf(b).monthlyCostDelta),
      render: row => (
        <CostDelta
          amount={specOf(row).monthlyCostDelta}
          currency={specOf(row).currency}
        />
      ),
    },
  ];
}

/**
 * Catalog table columns: the Spec columns (status chip, component, owner, blast radius, monthly
 * cost) while the list shows the Spec kind, the catalog's default columns otherwise.
 * `<CatalogIndexPage columns={specCatalogColumns} />`.
 *
 * @public
 */
export const specCatalogColumns: CatalogTableColumnsFunc = context =>
  isSpecKindFilter(context.filters.kind)
    ? createSpecColumns()
    : CatalogTable.defaultColumnsFunc(context);
