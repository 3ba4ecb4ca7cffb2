import { infraSpecsPlugin } from './plugin';

describe('infra-specs', () => {
  it('should export plugin', () => {
    expect(infraSpecsPlugin).toBeDefined();
  });
});
