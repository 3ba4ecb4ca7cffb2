import type { ComponentProps, ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeSanitize from 'rehype-sanitize';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { MermaidDiagram } from './MermaidDiagram';
import {
  isAbsoluteUrl,
  resolveSpecImage,
  resolveSpecLink,
} from './resolveUrls';

const useStyles = makeStyles(theme => ({
  root: {
    ...theme.typography.body2,
    overflowWrap: 'anywhere',
    '& h1': { ...theme.typography.h4, margin: theme.spacing(2, 0, 1) },
    '& h2': { ...theme.typography.h5, margin: theme.spacing(3, 0, 1) },
    '& h3, & h4, & h5, & h6': {
      ...theme.typography.h6,
      margin: theme.spacing(2, 0, 1),
    },
    '& table': {
      borderCollapse: 'collapse',
      margin: theme.spacing(1, 0, 2),
      display: 'block',
      overflowX: 'auto',
    },
    '& th, & td': {
      border: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& th': { backgroundColor: theme.palette.action.hover },
    '& pre': {
      backgroundColor: theme.palette.action.hover,
      padding: theme.spacing(1.5),
      borderRadius: theme.shape.borderRadius,
      overflowX: 'auto',
    },
    '& code': { fontFamily: 'monospace', fontSize: '0.9em' },
    '& blockquote': {
      borderLeft: `4px solid ${theme.palette.divider}`,
      margin: theme.spacing(1, 0),
      padding: theme.spacing(0, 2),
      color: theme.palette.text.secondary,
    },
    '& li.task-list-item': { listStyle: 'none' },
    '& ul.contains-task-list': { paddingLeft: theme.spacing(2) },
    '& img': { maxWidth: '100%' },
  },
}));

type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

/** The source of a ```mermaid block: `<pre><code class="language-mermaid">`. */
function mermaidSource(pre: HastNode | undefined): string | undefined {
  const code = pre?.children?.find(c => c.type === 'element');
  const className = code?.properties?.className;
  const classes = Array.isArray(className) ? className : [className];
  if (code?.tagName !== 'code' || !classes.includes('language-mermaid')) {
    return undefined;
  }
  return (code.children ?? []).map(c => c.value ?? '').join('');
}

export interface SpecMarkdownProps {
  markdown: string;
  /** The spec's page on its Git host: relative links and images are resolved against it. */
  viewUrl?: string | null;
}

/**
 * A spec's markdown as HTML: GFM (tables, task lists), mermaid diagrams, relative links and
 * images resolved against the source file. Raw HTML is dropped (no rehype-raw) and the result
 * goes through rehype-sanitize, so nothing in a spec can run script in Backstage.
 */
export function SpecMarkdown(props: SpecMarkdownProps) {
  const { markdown, viewUrl } = props;
  const classes = useStyles();

  const components: Components = {
    pre: ({ node, children, ...rest }) => {
      const source = mermaidSource(node as HastNode | undefined);
      if (source !== undefined) {
        return <MermaidDiagram code={source} />;
      }
      return <pre {...rest}>{children}</pre>;
    },
    a: ({ node: _node, href, children }) => {
      if (!href) {
        // a relative link with no web location to resolve it against: text only
        return <span>{children as ReactNode}</span>;
      }
      if (href.startsWith('#')) {
        return <a href={href}>{children as ReactNode}</a>;
      }
      return (
        <Link to={href} target="_blank" rel="noopener noreferrer">
          {children as ReactNode}
        </Link>
      );
    },
    img: ({ node: _node, src, alt, title }) =>
      src ? (
        <img src={src} alt={alt ?? ''} title={title} loading="lazy" />
      ) : (
        <span>{alt ? `[image: ${alt}]` : '[image]'}</span>
      ),
  };

  const urlTransform: ComponentProps<typeof Markdown>['urlTransform'] = (
    url,
    key,
    node,
  ) => {
    const safe = defaultUrlTransform(url);
    if (!safe) return undefined;
    if (key === 'src' && node.tagName === 'img') {
      return resolveSpecImage(safe, viewUrl);
    }
    if (key === 'href') {
      return isAbsoluteUrl(safe) || safe.startsWith('#')
        ? safe
        : resolveSpecLink(safe, viewUrl);
    }
    return safe;
  };

  return (
    <div className={classes.root}>
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        urlTransform={urlTransform}
        components={components}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
