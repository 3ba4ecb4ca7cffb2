import useAsync from 'react-use/esm/useAsync';

let counter = 0;

export type MermaidState =
  | { state: 'loading' }
  | { state: 'done'; svg: string }
  | { state: 'error'; message: string };

/** Loads mermaid on first use only: it is large, and most specs have no diagram. */
const loadMermaid = () => import('mermaid').then(m => m.default);

/**
 * Renders mermaid source to SVG. `securityLevel: 'strict'` makes mermaid sanitize labels and
 * disable click handlers, so the SVG can be inserted as it is. A syntax error is returned as a
 * message, never thrown, and mermaid's own error graphic is not added to the page.
 */
export function useMermaid(code: string, dark: boolean): MermaidState {
  const result = useAsync(async () => {
    const mermaid = await loadMermaid();
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: dark ? 'dark' : 'default',
      suppressErrorRendering: true,
    });
    counter += 1;
    const id = `infra-specs-mermaid-${counter}`;
    try {
      const { svg } = await mermaid.render(id, code);
      return svg;
    } finally {
      // mermaid leaves its scratch elements in <body> when rendering fails
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
    }
  }, [code, dark]);
  if (result.loading) return { state: 'loading' };
  if (result.error) {
    return {
      state: 'error',
      message: result.error.message || String(result.error),
    };
  }
  return { state: 'done', svg: result.value ?? '' };
}
