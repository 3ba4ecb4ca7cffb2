import { useState } from 'react';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  InfraSpecsApiClient,
  type SpecRecord,
} from '@infra-specs/backstage-plugin-infra-specs-common';
import { infraSpecsApiRef } from '../api/InfraSpecsApi';
import { SpecIdPicker, type SpecIdPickerUiOptions } from './SpecIdPicker';
import { specIdPickerValidation } from './validation';

function record(id: string, title: string): SpecRecord {
  return {
    name: `${id.toLowerCase()}-x`,
    entityRef: `spec:default/${id.toLowerCase()}-x`,
    componentRef: 'component:default/network-vpc',
    ownerRef: 'group:default/platform-team',
    path: `${id}.md`,
    locationTarget: 'file:/x',
    viewUrl: null,
    indexedAt: '2026-01-01T00:00:00Z',
    contentChangedAt: '2026-01-01T00:00:00Z',
    statusChangedAt: '2026-01-01T00:00:00Z',
    removedAt: null,
    document: { id, title } as SpecRecord['document'],
  };
}

/** A fake specs backend: next-id previews SPEC-0121, /specs?q= finds the indexed specs by text. */
function fakeBackend(indexed: SpecRecord[], options: { nextId?: 'fail' } = {}) {
  const counter = 120;
  const calls: string[] = [];
  const fetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    calls.push(`${url.pathname}${url.search}`);
    if (url.pathname.endsWith('/next-id')) {
      if (options.nextId === 'fail') {
        return new Response(
          '{"error":{"name":"NotFoundError","message":"Not found"}}',
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      return Response.json({
        id: `${url.searchParams.get('prefix')}-${String(counter + 1).padStart(
          4,
          '0',
        )}`,
      });
    }
    if (url.pathname.endsWith('/specs')) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = indexed.filter(r =>
        `${r.document.id} ${r.document.title}`.toLowerCase().includes(q),
      );
      return Response.json({ items, totalCount: items.length });
    }
    return new Response('not found', { status: 404 });
  });
  return { fetch, calls };
}

function Harness(props: {
  uiOptions: SpecIdPickerUiOptions;
  initial?: string;
}) {
  const [value, setValue] = useState<string | undefined>(props.initial);
  return (
    <>
      <SpecIdPicker
        {...({} as any)}
        formData={value}
        onChange={setValue}
        schema={{ title: 'Spec ID' }}
        uiSchema={{ 'ui:options': props.uiOptions }}
        idSchema={{ $id: 'root_id' } as any}
        rawErrors={[]}
        required={false}
      />
      <output data-testid="value">{value ?? ''}</output>
    </>
  );
}

/** The plugin's real API client, over the fake backend. */
function apiOver(backend: ReturnType<typeof fakeBackend>) {
  return new InfraSpecsApiClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: backend.fetch },
  });
}

function renderPicker(
  backend: ReturnType<typeof fakeBackend>,
  props: { uiOptions: SpecIdPickerUiOptions; initial?: string },
) {
  return renderInTestApp(
    <TestApiProvider apis={[[infraSpecsApiRef, apiOver(backend)]]}>
      <Harness {...props} />
    </TestApiProvider>,
  );
}

describe('SpecIdPicker', () => {
  it('shows the next free id of its prefix, once, and leaves the value empty for the create action to reserve', async () => {
    const backend = fakeBackend([]);
    renderPicker(backend, { uiOptions: { prefix: 'SPEC', debounceMs: 0 } });

    expect(
      await screen.findByText(
        'Leave empty to take SPEC-0121, the next free id (reserved when the spec is created), or type one',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Spec ID')).toHaveAttribute('placeholder', 'SPEC-0121');
    expect(screen.getByLabelText('Spec ID')).toHaveValue('');
    expect(screen.getByTestId('value')).toHaveTextContent('');
    expect(
      backend.calls.filter(c => c.startsWith('/api/infra-specs/next-id')),
    ).toEqual(['/api/infra-specs/next-id?prefix=SPEC']);
  });

  it('keeps an id the form already has', async () => {
    const backend = fakeBackend([]);
    renderPicker(backend, {
      uiOptions: { prefix: 'SPEC', debounceMs: 0 },
      initial: 'SPEC-0300',
    });
    expect(await screen.findByText('SPEC-0300 is free')).toBeInTheDocument();
    expect(screen.getByTestId('value')).toHaveTextContent('SPEC-0300');
  });

  it('rejects an id an indexed spec already uses while the user types', async () => {
    const backend = fakeBackend([
      record('SPEC-0042', 'Upgrade EKS to 1.31'),
      record('SPEC-0420', 'Other'),
    ]);
    renderPicker(backend, { uiOptions: { prefix: 'SPEC', debounceMs: 0 } });
    const input = await screen.findByLabelText('Spec ID');
    await waitFor(() => expect(input).toHaveAttribute('placeholder', 'SPEC-0121'));

    fireEvent.change(input, { target: { value: 'spec-0042' } });
    expect(
      await screen.findByText(
        'spec-0042 is already used by Upgrade EKS to 1.31',
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(backend.calls).toContain(
      '/api/infra-specs/specs?q=spec-0042&limit=50',
    );

    fireEvent.change(input, { target: { value: 'SPEC-0043' } });
    expect(await screen.findByText('SPEC-0043 is free')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'false');
  });

  it('flags malformed ids without asking the backend', async () => {
    const backend = fakeBackend([]);
    renderPicker(backend, { uiOptions: {} });
    const input = await screen.findByLabelText('Spec ID');
    await act(async () => {
      fireEvent.change(input, { target: { value: 'not an id' } });
    });
    expect(
      await screen.findByText(/Use letters, digits and dashes/),
    ).toBeInTheDocument();
    expect(backend.calls).toEqual([]);
  });

  it('explains a missing specs backend and lets the field stay empty', async () => {
    const backend = fakeBackend([], { nextId: 'fail' });
    renderPicker(backend, { uiOptions: { prefix: 'FEAT', debounceMs: 0 } });
    expect(
      await screen.findByText(/Could not look up the next free id/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('value')).toHaveTextContent('');
  });

  it("uses only the infra-specs plugin's API, never the app's discovery and fetch", async () => {
    const client = {
      getNextId: jest.fn(async (prefix: string) => ({ id: `${prefix}-012` })),
      listSpecs: jest.fn(async () => ({
        items: [record('FEAT-007', 'Karpenter migration')],
        totalCount: 1,
      })),
    };
    const backend = fakeBackend([]);
    renderInTestApp(
      <TestApiProvider
        apis={[
          [infraSpecsApiRef, client],
          [
            discoveryApiRef,
            mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
          ],
          [fetchApiRef, { fetch: backend.fetch }],
        ]}
      >
        <Harness uiOptions={{ prefix: 'FEAT', debounceMs: 0 }} />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Spec ID')).toHaveAttribute('placeholder', 'FEAT-012'),
    );
    fireEvent.change(screen.getByLabelText('Spec ID'), {
      target: { value: 'FEAT-007' },
    });
    expect(
      await screen.findByText(
        'FEAT-007 is already used by Karpenter migration',
      ),
    ).toBeInTheDocument();
    expect(client.getNextId).toHaveBeenCalledWith('FEAT');
    expect(client.listSpecs).toHaveBeenCalledWith({ q: 'FEAT-007', limit: 50 });
    expect(backend.calls).toEqual([]);
  });

  it('says it cannot check ids in an app without the infra-specs API', async () => {
    const backend = fakeBackend([]);
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            discoveryApiRef,
            mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
          ],
          [fetchApiRef, { fetch: backend.fetch }],
        ]}
      >
        <Harness uiOptions={{ prefix: 'SPEC', debounceMs: 0 }} />
      </TestApiProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Spec ID'), {
      target: { value: 'SPEC-0042' },
    });
    expect(
      await screen.findByText('Could not check whether the id is free'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Spec ID')).toHaveAttribute('placeholder', 'SPEC-…');
    expect(backend.calls).toEqual([]);
  });

  it('suggests no numbered id for smaqit specs (no prefix)', async () => {
    const backend = fakeBackend([]);
    renderPicker(backend, { uiOptions: {} });
    expect(
      await screen.findByText('Leave empty to name the spec after its title'),
    ).toBeInTheDocument();
    expect(backend.calls).toEqual([]);
  });
});

describe('specIdPickerValidation', () => {
  function context(backend: ReturnType<typeof fakeBackend>) {
    const apis = new Map<string, unknown>([
      [infraSpecsApiRef.id, apiOver(backend)],
    ]);
    return {
      apiHolder: { get: (ref: { id: string }) => apis.get(ref.id) as any },
      formData: {},
      schema: {},
    };
  }

  it('blocks the step for a used id, naming the spec', async () => {
    const addError = jest.fn();
    await specIdPickerValidation(
      'SPEC-0042',
      { addError } as any,
      context(fakeBackend([record('SPEC-0042', 'Upgrade EKS to 1.31')])),
    );
    expect(addError).toHaveBeenCalledWith(
      'SPEC-0042 is already used by Upgrade EKS to 1.31',
    );
  });

  it('accepts free and empty ids, and refuses malformed ones', async () => {
    const addError = jest.fn();
    const ctx = context(fakeBackend([record('SPEC-0042', 'x')]));
    await specIdPickerValidation('SPEC-0043', { addError } as any, ctx);
    await specIdPickerValidation('', { addError } as any, ctx);
    expect(addError).not.toHaveBeenCalled();
    await specIdPickerValidation('SPEC 43', { addError } as any, ctx);
    expect(addError).toHaveBeenCalledWith(
      expect.stringContaining('SPEC 43 is not a spec id'),
    );
  });

  it('does not block in an app without the infra-specs API', async () => {
    const addError = jest.fn();
    await specIdPickerValidation('SPEC-0042', { addError } as any, {
      apiHolder: { get: () => undefined },
      formData: {},
      schema: {},
    } as any);
    expect(addError).not.toHaveBeenCalled();
  });

  it('does not block when the backend is unreachable', async () => {
    const addError = jest.fn();
    const backend = fakeBackend([]);
    backend.fetch.mockRejectedValue(new TypeError('Failed to fetch'));
    await specIdPickerValidation(
      'SPEC-0043',
      { addError } as any,
      context(backend),
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
