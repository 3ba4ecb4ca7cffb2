import {
  lineUrl,
  resolveSpecImage,
  resolveSpecLink,
  toRawUrl,
} from './resolveUrls';

const github =
  'https://github.com/acme/payments/blob/main/docs/specs/012-kv/spec.md';
const gitlab =
  'https://gitlab.example.com/platform/infra/payments/-/blob/v2/docs/specs/spec.md';

describe('resolveSpecLink', () => {
  it('resolves relative links next to the spec file', () => {
    expect(resolveSpecLink('plan.md', github)).toBe(
      'https://github.com/acme/payments/blob/main/docs/specs/012-kv/plan.md',
    );
    expect(resolveSpecLink('./plan.md#risks', github)).toBe(
      'https://github.com/acme/payments/blob/main/docs/specs/012-kv/plan.md#risks',
    );
    expect(resolveSpecLink('../README.md', github)).toBe(
      'https://github.com/acme/payments/blob/main/docs/specs/README.md',
    );
    expect(resolveSpecLink('../../../../../../x.md', github)).toBe(
      'https://github.com/acme/payments/blob/main/x.md',
    );
  });

  it('reads a leading slash as the repository root on GitHub and GitLab', () => {
    expect(resolveSpecLink('/infra/main.tf', github)).toBe(
      'https://github.com/acme/payments/blob/main/infra/main.tf',
    );
    expect(resolveSpecLink('/infra/main.tf', gitlab)).toBe(
      'https://gitlab.example.com/platform/infra/payments/-/blob/v2/infra/main.tf',
    );
  });

  it('keeps absolute links and anchors', () => {
    expect(resolveSpecLink('https://aws.amazon.com/eks/', github)).toBe(
      'https://aws.amazon.com/eks/',
    );
    expect(resolveSpecLink('mailto:a@b.c', github)).toBe('mailto:a@b.c');
    expect(resolveSpecLink('#risks', github)).toBe('#risks');
  });

  it('has no target for relative links without a web location', () => {
    expect(resolveSpecLink('plan.md', null)).toBeUndefined();
    expect(
      resolveSpecLink('plan.md', 'file:///srv/specs/spec.md'),
    ).toBeUndefined();
    expect(resolveSpecLink('plan.md', 'not a url')).toBeUndefined();
    expect(resolveSpecLink('  ', github)).toBeUndefined();
  });

  it('resolves against other hosts as plain URLs', () => {
    expect(resolveSpecLink('b.md', 'https://git.example.com/specs/a.md')).toBe(
      'https://git.example.com/specs/b.md',
    );
    expect(resolveSpecLink('/b.md', 'https://git.example.com/specs/a.md')).toBe(
      'https://git.example.com/b.md',
    );
  });
});

describe('resolveSpecImage / toRawUrl', () => {
  it('loads GitHub images from raw.githubusercontent.com', () => {
    expect(resolveSpecImage('img/arch.png', github)).toBe(
      'https://raw.githubusercontent.com/acme/payments/main/docs/specs/012-kv/img/arch.png',
    );
    expect(resolveSpecImage('/docs/arch.svg', github)).toBe(
      'https://raw.githubusercontent.com/acme/payments/main/docs/arch.svg',
    );
  });

  it('loads GitLab images from the raw route, subgroups included', () => {
    expect(resolveSpecImage('../diagram.png', gitlab)).toBe(
      'https://gitlab.example.com/platform/infra/payments/-/raw/v2/docs/diagram.png',
    );
  });

  it('turns absolute blob URLs into raw ones and leaves other images alone', () => {
    expect(toRawUrl('https://github.com/o/r/blob/abc123/a b.png')).toBe(
      'https://raw.githubusercontent.com/o/r/abc123/a%20b.png',
    );
    expect(toRawUrl('https://example.com/a.png')).toBe(
      'https://example.com/a.png',
    );
    expect(toRawUrl('https://github.com/o/r')).toBe('https://github.com/o/r');
  });

  it('has no source without a web location or for an anchor', () => {
    expect(resolveSpecImage('a.png', null)).toBeUndefined();
    expect(resolveSpecImage('#x', github)).toBeUndefined();
  });
});

describe('lineUrl', () => {
  it('links to a line on GitHub and GitLab only', () => {
    expect(lineUrl(github, 12)).toBe(`${github}#L12`);
    expect(lineUrl(gitlab, 3)).toBe(`${gitlab}#L3`);
    expect(lineUrl('https://git.example.com/a.md', 3)).toBeUndefined();
    expect(lineUrl(null, 3)).toBeUndefined();
    expect(lineUrl(github, 0)).toBeUndefined();
  });
});
