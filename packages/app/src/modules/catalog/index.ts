/*
 * The catalog page with the Spec filters (status, format, blast radius, rollback) and the
 * Spec columns while the kind is Spec: /catalog?filters[kind]=spec&filters[status]=in-review
 */
export { infraSpecsCatalogModule as catalogModule } from '@infra-specs/backstage-plugin-infra-specs/alpha';
