import { smaqitIdFromTitle } from './smaqitIds';

describe('smaqitIdFromTitle', () => {
  it('names the concept after the first four significant words of the title', () => {
    expect(smaqitIdFromTitle('NAT gateway')).toBe('INF-NAT-GATEWAY');
    expect(smaqitIdFromTitle('GPU node pool for fraud scoring')).toBe(
      'INF-GPU-NODE-POOL-FRAUD',
    );
    expect(smaqitIdFromTitle('Rotation of the DB credentials')).toBe(
      'INF-ROTATION-DB-CREDENTIALS',
    );
    expect(smaqitIdFromTitle('  Réplica  (per AZ) / v2 ')).toBe(
      'INF-REPLICA-AZ-V2',
    );
    expect(smaqitIdFromTitle('Observabilité des files d’attente')).toBe(
      'INF-OBSERVABILITE-DES-FILES-D',
    );
  });

  it('stays short', () => {
    const id = smaqitIdFromTitle(`${'x'.repeat(30)} ${'y'.repeat(30)}`)!;
    expect(id).toBe(`INF-${'X'.repeat(30)}-${'Y'.repeat(9)}`);
    expect(smaqitIdFromTitle(`${'x'.repeat(39)} yes`)).toBe(
      `INF-${'X'.repeat(39)}`,
    );
  });

  it('gives nothing when no significant word is left', () => {
    expect(smaqitIdFromTitle('***')).toBeUndefined();
    expect(smaqitIdFromTitle('  the  ')).toBeUndefined();
    expect(smaqitIdFromTitle('日本語')).toBeUndefined();
  });
});
