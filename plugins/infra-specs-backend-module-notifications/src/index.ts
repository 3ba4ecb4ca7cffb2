/**
 * Notifications module of infra-specs: tells a spec's owners about status changes, long reviews
 * and new errors through Backstage's notifications.
 *
 * @packageDocumentation
 */
export { infraSpecsModuleNotifications as default } from './module';
