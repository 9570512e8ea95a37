import type { SuccessBaseline } from './executions';
import { parseEnrichmentOptions } from './options';
import { analyzePatterns, trendOf, type PatternClass, type TrendDirection } from './patterns';

const AT = new Date('2026-05-01T10:15:00Z');
const THRESHOLDS = parseEnrichmentOptions({}).patterns;
const daysAgo = (...days: number[]) => days.map((d) => new Date(AT.getTime() - d * 86_400_000));
const healthy: SuccessBaseline = {
  successRate: 0.97,
  finishedExecutions: 100,
  lastSuccessfulExecution: daysAgo(0.01)[0] ?? null,
};
const degraded: SuccessBaseline = { successRate: 0.6, finishedExecutions: 50, lastSuccessfulExecution: null };

describe('Function: analyzePatterns', () => {
  it.each<[string, Date[], SuccessBaseline | null, PatternClass, TrendDirection]>([
    ['no earlier incident', [], null, 'ISOLATED_INCIDENT', 'STABLE'],
    ['one a few months ago', daysAgo(200), healthy, 'RARE_OCCURRENCE', 'STABLE'],
    ['one last month', daysAgo(20), null, 'RARE_OCCURRENCE', 'STABLE'],
    ['two this week, none before', daysAgo(1, 3), null, 'FREQUENT_RECENT', 'INCREASING'],
    [
      'five this week after a quiet quarter',
      daysAgo(0.5, 1, 2, 3, 6, 60),
      healthy,
      'FREQUENT_RECENT',
      'INCREASING',
    ],
    [
      'weekly for three months',
      daysAgo(3, 10, 17, 24, 31, 38, 45, 52, 59, 66, 73, 80, 87),
      null,
      'RECURRING_PATTERN',
      'STABLE',
    ],
    [
      'many two months ago, none lately',
      daysAgo(40, 41, 42, 50, 55, 60),
      null,
      'RECURRING_PATTERN',
      'DECREASING',
    ],
    ['degraded executions come first', daysAgo(1, 2, 3), degraded, 'BASELINE_DEGRADATION', 'INCREASING'],
    [
      'a low rate over too few executions is not a degradation',
      [],
      { successRate: 0.5, finishedExecutions: 4, lastSuccessfulExecution: null },
      'ISOLATED_INCIDENT',
      'STABLE',
    ],
  ])('%s', (_, incidentTimes, baseline, classification, trend) => {
    const analysis = analyzePatterns({
      incidentTimes,
      at: AT,
      retentionDays: 365,
      baseline,
      thresholds: THRESHOLDS,
    });
    expect({ classification: analysis.classification, trend: analysis.trendDirection }).toEqual({
      classification,
      trend,
    });
  });

  it('counts each period, ignoring what is after the state change or past the retention', () => {
    const analysis = analyzePatterns({
      incidentTimes: daysAgo(-1, 0, 1, 8, 40, 100, 364, 400),
      at: AT,
      retentionDays: 365,
      baseline: null,
      thresholds: THRESHOLDS,
    });
    expect(analysis.counts).toEqual({ last7Days: 1, last30Days: 2, last90Days: 3, retention: 5 });
    expect(analysis.firstSeen).toEqual(daysAgo(364)[0]);
    expect(analysis.lastSeen).toEqual(daysAgo(1)[0]);
    expect(analysis.recentRate).toBe(0.143);
  });

  it('counts within a retention shorter than 90 days', () => {
    const analysis = analyzePatterns({
      incidentTimes: daysAgo(1, 20, 40),
      at: AT,
      retentionDays: 30,
      baseline: null,
      thresholds: THRESHOLDS,
    });
    expect(analysis.counts).toEqual({ last7Days: 1, last30Days: 2, last90Days: 2, retention: 2 });
  });

  it('follows its thresholds', () => {
    const strict = { ...THRESHOLDS, frequentRecentCount: 5, recurringCount: 10 };
    expect(
      analyzePatterns({
        incidentTimes: daysAgo(1, 2, 3),
        at: AT,
        retentionDays: 365,
        baseline: null,
        thresholds: strict,
      }).classification,
    ).toBe('RARE_OCCURRENCE');
  });
});

describe('Function: trendOf', () => {
  it.each<[number, number, number, TrendDirection]>([
    [0, 0, 83, 'STABLE'],
    [1, 0, 83, 'STABLE'],
    [2, 0, 83, 'INCREASING'],
    [2, 24, 83, 'STABLE'],
    [7, 24, 83, 'INCREASING'],
    [0, 2, 83, 'DECREASING'],
    [1, 24, 83, 'DECREASING'],
    [2, 2, 0, 'INCREASING'],
  ])('%d in 7 days, %d over %d days before: %s', (last7, earlier, days, trend) =>
    expect(trendOf(last7, earlier, days, THRESHOLDS)).toBe(trend),
  );
});
