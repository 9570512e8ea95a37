import { DecideConfigSchema } from './config';
import { environmentClass, normalizedSeverity, penaltyScore } from './penalty';

const names = DecideConfigSchema.parse({}).environments;

describe('Function: penaltyScore', () => {
  // The table of the original's documentation: ((normalized + 60) / 100)² × (1 dev | 2 staging | 10 prod).
  it.each([
    ['INFORMATIONAL', 0, 0.36],
    ['LOW', 1, 0.3721],
    ['MEDIUM', 40, 1.0],
    ['HIGH', 70, 1.69],
    ['CRITICAL', 90, 2.25],
    ['CRITICAL', 100, 2.56],
  ] as const)(
    '%s (normalized %d) weighs %d in dev, twice in staging, ten times in prod',
    (Label, Normalized, factor) => {
      expect(penaltyScore({ Label, Normalized }, 'DEV', names)).toBeCloseTo(factor, 10);
      expect(penaltyScore({ Label, Normalized }, 'STAGING', names)).toBeCloseTo(factor * 2, 10);
      expect(penaltyScore({ Label, Normalized }, 'PROD', names)).toBeCloseTo(factor * 10, 10);
    },
  );

  it('uses the label when the finding has no normalized severity (the original crashed)', () => {
    expect(penaltyScore({ Label: 'HIGH' }, 'production', names)).toBeCloseTo(16.9, 10);
  });

  it('weighs unknown and missing environments like dev', () => {
    expect(penaltyScore({ Label: 'MEDIUM', Normalized: 40 }, 'Unspecified', names)).toBe(1);
    expect(penaltyScore({ Label: 'MEDIUM', Normalized: 40 }, undefined, names)).toBe(1);
  });
});

describe('Function: environmentClass', () => {
  it.each([
    ['prod', 'prod'],
    [' Production ', 'prod'],
    ['LIVE', 'prod'],
    ['uat', 'staging'],
    ['Testing', 'staging'],
    ['devint', 'dev'],
    ['sandbox', 'other'],
    ['', 'other'],
  ])('classifies %j as %s, ignoring case and spaces', (environment, expected) => {
    expect(environmentClass(environment, names)).toBe(expected);
  });

  it('takes configured names, trimmed and upper-cased', () => {
    const custom = DecideConfigSchema.parse({ environments: { prod: [' prd-eu '] } }).environments;

    expect(environmentClass('PRD-EU', custom)).toBe('prod');
    expect(environmentClass('PROD', custom)).toBe('other');
  });
});

describe('Function: normalizedSeverity', () => {
  it('clamps out-of-range values', () => {
    expect(normalizedSeverity({ Label: 'LOW', Normalized: 250 })).toBe(100);
  });
});
