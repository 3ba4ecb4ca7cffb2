export {
  EntitySpecAboutCard,
  EntitySpecDocumentContent,
} from './EntitySpecPage';
