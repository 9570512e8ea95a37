import { ASFF_LIMITS, safeParseFinding } from '../src';
import { edit } from './helpers/edit';
import { loadFinding } from './helpers/load-event';

/** The first issue's path and message, for a finding edited at `path`. */
function firstIssue(path: readonly (string | number)[], value: unknown): string {
  const input = loadFinding('imported-control-s3-8');
  edit(input, path, value);
  const result = safeParseFinding(input);
  if (result.success) throw new Error(`expected ${path.join('.')} to be refused`);
  return result.error.message;
}

const fields = (count: number, prefix = 'key') =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'value']));

describe('ASFF size limits', () => {
  it.each([
    ['Id', ASFF_LIMITS.idLength],
    ['GeneratorId', ASFF_LIMITS.generatorIdLength],
    ['Title', ASFF_LIMITS.titleLength],
    ['Description', ASFF_LIMITS.descriptionLength],
  ])('refuses an over-long %s, naming the field and the limit', (field, limit) => {
    // Arrange
    const atLimit = loadFinding('imported-control-s3-8');
    edit(atLimit, [field], 'x'.repeat(limit));

    // Act
    const message = firstIssue([field], 'x'.repeat(limit + 1));

    // Assert
    expect(safeParseFinding(atLimit).success).toBe(true);
    expect(message).toContain(field);
    expect(message).toContain(`at most ${limit} characters, got ${limit + 1}`);
  });

  it('refuses a multi-megabyte Description without echoing it', () => {
    // Act
    const message = firstIssue(['Description'], 'A'.repeat(3 * 1024 * 1024));

    // Assert
    expect(message).toContain('Description');
    expect(message.length).toBeLessThan(2_000);
  });

  it('refuses more Types and Resources than Security Hub allows', () => {
    const finding = loadFinding('imported-control-s3-8');
    const resource = (finding.Resources as unknown[])[0];
    expect(
      firstIssue(
        ['Types'],
        Array.from({ length: ASFF_LIMITS.types + 1 }, () => 'A/B/C'),
      ),
    ).toContain('Too many types');
    expect(
      firstIssue(
        ['Resources'],
        Array.from({ length: ASFF_LIMITS.resources + 1 }, () => resource),
      ),
    ).toContain('Too many resources');
  });

  it('bounds ProductFields, not counting the pairs Security Hub adds itself', () => {
    // Arrange
    const withHubFields = { ...fields(ASFF_LIMITS.productFields.pairs), ...fields(5, 'aws/securityhub/') };
    const ok = loadFinding('imported-control-s3-8');
    edit(ok, ['ProductFields'], withHubFields);

    // Act / Assert
    expect(safeParseFinding(ok).success).toBe(true);
    expect(firstIssue(['ProductFields'], fields(ASFF_LIMITS.productFields.pairs + 1))).toContain(
      'ProductFields: Too many pairs: at most 50, got 51',
    );
    expect(firstIssue(['ProductFields'], { big: 'v'.repeat(2049) })).toContain('ProductFields.big');
    expect(firstIssue(['ProductFields'], { ['k'.repeat(129)]: 'v' })).toContain('Key too long');
  });

  it('bounds UserDefinedFields, Note.Text and resource tags', () => {
    expect(firstIssue(['UserDefinedFields'], { note: 'v'.repeat(1025) })).toContain('UserDefinedFields.note');
    expect(
      firstIssue(['Note'], { Text: 'n'.repeat(513), UpdatedBy: 'me', UpdatedAt: '2024-03-04T08:13:02Z' }),
    ).toContain('Note.Text');
    expect(firstIssue(['Resources', 0, 'Tags'], fields(51))).toContain('Resources[0].Tags');
  });
});
