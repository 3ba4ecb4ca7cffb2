import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SpecMarkdown } from './SpecMarkdown';

// mermaid needs a browser's SVG layout (getBBox), which jsdom does not have: stand in for its render().
const render = jest.fn();
jest.mock('mermaid', () => ({
  __esModule: true,
  default: {
    initialize: jest.fn(),
    render: (...args: unknown[]) => render(...args),
  },
}));

const viewUrl =
  'https://github.com/acme/payments/blob/main/docs/specs/SPEC-0042.md';

describe('SpecMarkdown', () => {
  beforeEach(() => render.mockReset());

  it('renders hostile markdown inert: no script, no event handlers, no javascript: links', async () => {
    const markdown = [
      '# Spec: Evil',
      '',
      '<script>window.__pwned = true</script>',
      '',
      '<img src=x onerror="window.__pwned = true">',
      '',
      'Text <b onmouseover="alert(1)">bold</b> and <iframe src="https://evil.example"></iframe>',
      '',
      '[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
      '',
      '![pic](javascript:alert(1))',
      '',
      '<a href="javascript:alert(2)">raw link</a>',
    ].join('\n');
    const { container } = await renderInTestApp(
      <SpecMarkdown markdown={markdown} viewUrl={viewUrl} />,
    );
    expect(
      await screen.findByRole('heading', { name: 'Spec: Evil' }),
    ).toBeInTheDocument();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.querySelector('[onmouseover]')).toBeNull();
    for (const element of Array.from(
      container.querySelectorAll('[href], [src]'),
    )) {
      const value =
        element.getAttribute('href') ?? element.getAttribute('src') ?? '';
      expect(value).not.toMatch(/^\s*(javascript|data):/i);
    }
    expect(screen.getByText('click me').closest('a')).toBeNull();
    expect((window as any).__pwned).toBeUndefined();
  });

  it('renders GFM tables and task lists', async () => {
    const markdown = [
      '| Resource | Monthly |',
      '| --- | --- |',
      '| NAT Gateway | $96 |',
      '',
      '- [x] Backups verified',
      '- [ ] Rollback rehearsed',
    ].join('\n');
    await renderInTestApp(<SpecMarkdown markdown={markdown} />);
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(
      screen.getByRole('cell', { name: 'NAT Gateway' }),
    ).toBeInTheDocument();
    const boxes = screen.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map(b => b.checked)).toEqual([true, false]);
    expect(boxes.every(b => b.disabled)).toBe(true);
  });

  it('resolves relative links and images against the source file', async () => {
    const markdown =
      '[Plan](./plan.md) ![Architecture](img/arch.png) [AWS](https://aws.amazon.com)';
    await renderInTestApp(
      <SpecMarkdown markdown={markdown} viewUrl={viewUrl} />,
    );
    expect((await screen.findByText('Plan')).closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/blob/main/docs/specs/plan.md',
    );
    expect(screen.getByRole('img', { name: 'Architecture' })).toHaveAttribute(
      'src',
      'https://raw.githubusercontent.com/acme/payments/main/docs/specs/img/arch.png',
    );
    expect(screen.getByText('AWS').closest('a')).toHaveAttribute(
      'href',
      'https://aws.amazon.com',
    );
  });

  it('keeps relative links as text when the source has no web address', async () => {
    await renderInTestApp(
      <SpecMarkdown markdown="[Plan](./plan.md)" viewUrl={null} />,
    );
    expect((await screen.findByText('Plan')).closest('a')).toBeNull();
  });

  it('draws mermaid blocks and shows a render error inline', async () => {
    render
      .mockResolvedValueOnce({
        svg: '<svg data-testid="drawn"><text>A to B</text></svg>',
      })
      .mockRejectedValueOnce(new Error('Parse error on line 1'));
    const markdown = [
      '```mermaid',
      'graph TD; A-->B',
      '```',
      '',
      '```mermaid',
      'this is not a diagram',
      '```',
      '',
      '```hcl',
      'resource "aws_vpc" "main" {}',
      '```',
    ].join('\n');
    await renderInTestApp(<SpecMarkdown markdown={markdown} />);
    expect(await screen.findByTestId('drawn')).toBeInTheDocument();
    expect(
      await screen.findByText(/could not be drawn: Parse error on line 1/),
    ).toBeInTheDocument();
    expect(screen.getByText('this is not a diagram')).toBeInTheDocument();
    expect(
      screen.getByText('resource "aws_vpc" "main" {}'),
    ).toBeInTheDocument();
    await waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    expect(render.mock.calls.map(c => c[1])).toEqual([
      'graph TD; A-->B\n',
      'this is not a diagram\n',
    ]);
  });
});
