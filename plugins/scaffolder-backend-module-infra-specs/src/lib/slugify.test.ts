import { slugify } from './slugify';

describe('slugify', () => {
  it('slugifies titles for file names', () => {
    expect(slugify('Upgrade EKS to 1.31')).toBe('upgrade-eks-to-1-31');
    expect(slugify('!!!')).toBe('spec');
    expect(slugify('a'.repeat(100)).length).toBe(60);
  });
});
