import { ValidationError } from './errors';
import { SESSION_NAME_MAX_LENGTH, sessionName } from './session-name';

/** STS `RoleSessionName` constraints. */
const VALID = /^[\w+=,.@-]{2,64}$/;

describe('sessionName', () => {
  it.each([
    ['remediate-EC2.2', 'soar-remediate-EC2.2'],
    ['auto suppress / low', 'soar-auto-suppress-low'],
    ['  triage  ', 'soar-triage'],
    ['soar-triage', 'soar-triage'],
    ['ticket:jira#123', 'soar-ticket-jira-123'],
    ['e=mc,2@x+y', 'soar-e=mc,2@x+y'],
    ['ünïcödé', 'soar-n-c-d'],
    ['a', 'soar-a'],
  ])('sanitizes %j to %j', (purpose, expected) => {
    expect(sessionName(purpose)).toBe(expected);
    expect(sessionName(purpose)).toMatch(VALID);
  });

  it('appends the account id when given', () => {
    expect(sessionName('triage', '111122223333')).toBe('soar-triage-111122223333');
  });

  it('truncates long purposes to 64 characters, keeping prefix and account suffix', () => {
    const name = sessionName(`${'x'.repeat(40)}-${'y'.repeat(40)}`, '111122223333');
    expect(name).toHaveLength(SESSION_NAME_MAX_LENGTH);
    expect(name).toMatch(/^soar-x{40}-y{5}-111122223333$/);
    expect(sessionName('z'.repeat(200))).toHaveLength(SESSION_NAME_MAX_LENGTH);
  });

  it('does not end the truncated purpose with a dash', () => {
    const name = sessionName(`${'x'.repeat(58)}-tail`);
    expect(name).toBe(`soar-${'x'.repeat(58)}`);
  });

  it.each(['', '   ', '///', 'soar-', '日本'])('rejects the purpose %j, naming the field', (purpose) => {
    expect(() => sessionName(purpose)).toThrow(ValidationError);
    expect(() => sessionName(purpose)).toThrow(expect.objectContaining({ field: 'purpose' }));
  });

  it('rejects a malformed account id, naming the field', () => {
    expect(() => sessionName('triage', '1234')).toThrow(expect.objectContaining({ field: 'accountId' }));
  });
});
