import { InfoCard } from '@backstage/core-components';
import { ANNOTATION_VIEW_URL } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_SPEC_ID,
  type SpecEntitySpec,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { SpecDetail, SpecFacts } from '../SpecDetail';

/**
 * About card of a Spec entity: the contract's fields as the catalog holds them, so the card
 * shows at once and even when the infra-specs backend is unreachable.
 *
 * @public
 */
export function EntitySpecAboutCard() {
  const { entity } = useEntity();
  const spec = (entity.spec ?? {}) as Partial<SpecEntitySpec>;
  return (
    <InfoCard title="About this spec">
      <SpecFacts
        facts={{
          id: entity.metadata.annotations?.[ANNOTATION_SPEC_ID] ?? null,
          status: spec.status ?? 'unknown',
          format: spec.type,
          componentRef: spec.component,
          ownerRef: spec.owner,
          blastRadius: spec.blastRadius,
          rollback: spec.rollback,
          downtime: spec.downtime,
          monthlyCostDelta: spec.monthlyCostDelta,
          currency: spec.currency,
          acceptance: spec.acceptance,
          viewUrl: entity.metadata.annotations?.[ANNOTATION_VIEW_URL],
        }}
      />
    </InfoCard>
  );
}

/**
 * The rendered document of a Spec entity (GET /specs/:name, name = the entity's name), with
 * its findings and status history.
 *
 * @public
 */
export function EntitySpecDocumentContent() {
  const { entity } = useEntity();
  return <SpecDetail name={entity.metadata.name} showFacts={false} />;
}
