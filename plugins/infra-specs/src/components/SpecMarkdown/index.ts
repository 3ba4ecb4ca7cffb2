export { SpecMarkdown, type SpecMarkdownProps } from './SpecMarkdown';
export { lineUrl } from './resolveUrls';
