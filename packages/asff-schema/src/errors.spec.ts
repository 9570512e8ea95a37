import { AsffSchemaError, AsffValidationError } from './errors';

describe('Class: AsffValidationError', () => {
  const issue = (path: string) => ({
    path,
    message: 'Invalid input: expected string, received number',
    code: 'invalid_type',
  });

  it('names the failing paths in its message', () => {
    // Act
    const error = new AsffValidationError('ASFF finding', [issue('AwsAccountId'), issue('Severity.Label')]);

    // Assert
    expect(error.message).toBe(
      'Invalid ASFF finding: AwsAccountId: Invalid input: expected string, received number; Severity.Label: Invalid input: expected string, received number',
    );
  });

  it('spells out the first three issues and counts the others', () => {
    // Arrange
    const issues = ['Id', 'Title', 'Types', 'CreatedAt', 'UpdatedAt'].map(issue);

    // Act
    const error = new AsffValidationError('ASFF finding', issues);

    // Assert
    expect(error.message).toMatch(/^Invalid ASFF finding: Id: .*; Title: .*; Types: .*; and 2 more issues$/);
    expect(error.issues).toHaveLength(5);
  });

  it('is an AsffSchemaError and an Error, with its name, cause and context', () => {
    // Arrange
    const cause = new Error('root cause');

    // Act
    const error = new AsffValidationError('ASFF finding', [issue('Id')], {
      cause,
      context: { accountId: '111122223333', controlId: 'EC2.2', resourceArn: 'arn:aws:s3:::bucket' },
    });

    // Assert
    expect(error).toBeInstanceOf(AsffSchemaError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AsffValidationError');
    expect(error.cause).toBe(cause);
    expect(error).toMatchObject({
      accountId: '111122223333',
      controlId: 'EC2.2',
      resourceArn: 'arn:aws:s3:::bucket',
    });
  });

  it('leaves out the context fields it was not given', () => {
    // Act
    const error = new AsffSchemaError('Something failed');

    // Assert
    expect(error.name).toBe('AsffSchemaError');
    expect(Object.keys(error)).not.toContain('accountId');
    expect(error.cause).toBeUndefined();
  });
});
