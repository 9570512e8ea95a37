import * as z from 'zod';
import { BeforeImageError } from '../errors';
import { describeIssues, parseBeforeImage, parseFields } from './before-image';

const Schema = z.object({
  groupId: z.string().startsWith('sg-'),
  rules: z.array(z.object({ protocol: z.string(), port: z.int() })),
});

describe('Function: parseBeforeImage', () => {
  it('returns the typed before-image when it matches the schema', () => {
    // Act
    const image = parseBeforeImage('EC2.13', Schema, {
      groupId: 'sg-1',
      rules: [{ protocol: 'tcp', port: 22 }],
    });

    // Assert
    expect(image.rules[0]?.port).toBe(22);
  });

  it('throws a BeforeImageError naming the first wrong field, with every issue', () => {
    // Arrange
    const stored: unknown = { groupId: 'sg-1', rules: [{ protocol: 'tcp', port: '22' }, { port: 3389 }] };

    // Act
    let error: unknown;
    try {
      parseBeforeImage('EC2.13', Schema, stored);
    } catch (caught) {
      error = caught;
    }

    // Assert
    expect(error).toBeInstanceOf(BeforeImageError);
    expect(error).toMatchObject({
      name: 'BeforeImageError',
      controlId: 'EC2.13',
      field: 'rules[0].port',
      issues: [
        { field: 'rules[0].port', message: expect.stringContaining('expected number') },
        { field: 'rules[1].protocol', message: expect.stringContaining('expected string') },
      ],
    });
    expect(error instanceof Error ? error.message : '').toMatch(
      /^The before-image for EC2\.13 cannot be used, so SOAR changed nothing: rules\[0\]\.port: /,
    );
  });

  it.each([null, 'text', 42, [], undefined])(
    'never crashes on %p: a BeforeImageError for the value itself',
    (value) => {
      // Act / Assert
      expect(() => parseBeforeImage('EC2.13', Schema, value)).toThrow(BeforeImageError);
    },
  );
});

describe('Function: describeIssues', () => {
  it('lists at most three issues and counts the rest', () => {
    // Arrange
    const parsed = parseFields(
      z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string() }),
      {},
      'x',
    );

    // Act
    const text = parsed.success ? '' : describeIssues(parsed.issues);

    // Assert
    expect(text).toMatch(/^a: .+; b: .+; c: .+; and 1 more$/);
  });
});
