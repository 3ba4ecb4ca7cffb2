import {
  normalizeBlastRadius,
  normalizeDowntime,
  normalizeRollback,
  normalizeStatus,
} from './normalize';

describe('normalizeStatus (the contract table)', () => {
  it.each([
    ['draft', 'draft'],
    ['WIP', 'draft'],
    ['Proposed', 'draft'],
    ['In Review', 'in-review'],
    ['review', 'in-review'],
    ['in-review', 'in-review'],
    ['Under Review', 'in-review'],
    ['Approved', 'approved'],
    ['accepted', 'approved'],
    ['Implementing', 'approved'],
    ['In progress', 'approved'],
    ['implemented', 'implemented'],
    ['Done', 'implemented'],
    ['complete', 'implemented'],
    ['Completed', 'implemented'],
    ['shipped', 'implemented'],
    ['deployed', 'implemented'],
    ['validated', 'implemented'],
    ['superseded', 'superseded'],
    ['Deprecated', 'superseded'],
    ['replaced', 'superseded'],
    ['rejected', 'rejected'],
    ['declined', 'rejected'],
    ['abandoned', 'rejected'],
    ['Approved ✅', 'approved'],
    ['🚧 WIP 🚧', 'draft'],
    ['**Done.**', 'implemented'],
    ['[Approved]', 'unknown'],
  ])('%s -> %s', (text, status) => {
    expect(normalizeStatus(text).status).toBe(status);
  });

  it('does not read a negated or unknown status as a known one', () => {
    expect(normalizeStatus('not approved')).toMatchObject({
      status: 'unknown',
      diagnostic: { code: 'unknown-status' },
    });
  });

  it('gives unknown plus a diagnostic for the unfilled option list and a missing status', () => {
    expect(
      normalizeStatus('Draft | In Review | Approved | Implemented'),
    ).toEqual({
      status: 'unknown',
      diagnostic: {
        severity: 'warning',
        code: 'placeholder',
        message:
          "Status still holds the template's choices 'Draft | In Review | Approved | Implemented': pick one",
      },
    });
    expect(normalizeStatus('  ').diagnostic?.code).toBe('missing-status');
    expect(normalizeStatus(null).status).toBe('unknown');
  });
});

describe('impact vocabularies', () => {
  it('reads rollback and downtime choices, with diagnostics for the unfilled ones', () => {
    expect(normalizeRollback('Complex — needs a snapshot restore').value).toBe(
      'complex',
    );
    expect(
      normalizeRollback('Easy / Moderate / Complex / Irreversible'),
    ).toMatchObject({
      value: null,
      diagnostic: { code: 'placeholder' },
    });
    expect(normalizeRollback('revert the PR')).toMatchObject({
      value: null,
      diagnostic: { code: 'unknown-value' },
    });
    expect(normalizeRollback(undefined)).toEqual({ value: null });
    expect(normalizeDowntime('None').value).toBe('none');
    expect(normalizeDowntime('No downtime expected').value).toBe('none');
    expect(normalizeDowntime('Maintenance Window (Sunday 02:00)').value).toBe(
      'maintenance-window',
    );
    expect(normalizeDowntime('Full Outage').value).toBe('full-outage');
    expect(
      normalizeDowntime('None / Maintenance Window / Full Outage').diagnostic
        ?.code,
    ).toBe('placeholder');
  });

  it('reads the blast radius level from the leading word only', () => {
    expect(normalizeBlastRadius('High — all clusters').value).toBe('high');
    expect(normalizeBlastRadius('**Medium**: one zone').value).toBe('medium');
    expect(normalizeBlastRadius('Very high: everything').value).toBe(
      'critical',
    );
    expect(
      normalizeBlastRadius('Every workload of the cluster (high)').value,
    ).toBe('unknown');
    expect(
      normalizeBlastRadius('[What could break if this goes wrong?]'),
    ).toMatchObject({
      value: 'unknown',
      diagnostic: { code: 'placeholder' },
    });
  });
});
