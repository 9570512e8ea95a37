import * as z from 'zod';

import { AsffValidationError } from '../errors';
import { formatPath, safeParseWith } from './validation';

describe('Function: formatPath', () => {
  it.each([
    [['detail', 'findings', 0, 'Severity', 'Label'], 'detail.findings[0].Severity.Label'],
    [['detail-type'], 'detail-type'],
    [['ProductFields', 'aws/securityhub/FindingId'], 'ProductFields["aws/securityhub/FindingId"]'],
    [[0, 'Id'], '[0].Id'],
    [[], ''],
  ])('writes %j as %s', (path, expected) => {
    // Act
    const text = formatPath(path);

    // Assert
    expect(text).toBe(expected);
  });

  it('shortens a long key', () => {
    // Act
    const text = formatPath(['Tags', 'k/'.repeat(500)]);

    // Assert
    expect(text.length).toBeLessThan(100);
    expect(text).toContain('…');
  });
});

describe('Function: safeParseWith', () => {
  const schema = z.looseObject({ name: z.string() });

  it('reports the option of a union that the input got furthest into', () => {
    // Arrange
    const union = z.union([
      z.looseObject({ metrics: z.array(z.looseObject({ id: z.string() })) }),
      z.looseObject({ alarmRule: z.string() }),
    ]);

    // Act
    const result = safeParseWith(union, { metrics: [{ id: 7 }] }, 'configuration');

    // Assert
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((issue) => issue.path)).toStrictEqual(['metrics[0].id']);
  });

  it('turns an input that throws when read into an unreadable_input issue', () => {
    // Arrange
    const input = {
      get name(): string {
        throw new TypeError('secret value');
      },
    };

    // Act
    const result = safeParseWith(schema, input, 'thing');

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(AsffValidationError);
      expect(result.error.issues).toStrictEqual([
        { path: '', code: 'unreadable_input', message: 'The input could not be read (TypeError)' },
      ]);
      expect(result.error.message).not.toContain('secret value');
    }
  });
});
