export { infraSpecsPlugin as default } from './plugin';
