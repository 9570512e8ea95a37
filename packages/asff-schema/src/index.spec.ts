import { placeholder } from './index';
describe('placeholder', () => {
  it('is true', () => {
    expect(placeholder).toBe(true);
  });
});
