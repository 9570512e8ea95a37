import type { SuccessBaseline } from './executions';
import type { PatternThresholds } from './options';

/** The classes of an alarm's incident pattern, first matching rule wins (see the README's table). */
export const PATTERN_CLASSES = [
  'BASELINE_DEGRADATION',
  'FREQUENT_RECENT',
  'RECURRING_PATTERN',
  'RARE_OCCURRENCE',
  'ISOLATED_INCIDENT',
] as const;
/** A class of incident pattern. */
export type PatternClass = (typeof PATTERN_CLASSES)[number];

/** Whether incidents of the alarm come more or less often lately. */
export type TrendDirection = 'INCREASING' | 'STABLE' | 'DECREASING';

const DAY_MS = 86_400_000;

/** What the incident history says about an alarm. */
export interface PatternAnalysis {
  /** Earlier incidents of the alarm in each period before the state change. */
  readonly counts: {
    readonly last7Days: number;
    readonly last30Days: number;
    readonly last90Days: number;
    readonly retention: number;
  };
  readonly retentionDays: number;
  /** Earlier incidents per day over the last 7 days. */
  readonly recentRate: number;
  /** Earlier incidents per day over the rest of the trend window (days 8 to 90, or to the retention). */
  readonly earlierRate: number;
  readonly trendDirection: TrendDirection;
  readonly classification: PatternClass;
  /** Why, in a sentence. */
  readonly reason: string;
  readonly firstSeen?: Date | undefined;
  readonly lastSeen?: Date | undefined;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The trend of the incident rate: the daily rate of the last 7 days against the daily rate of the
 * days before it, up to day 90 (or the retention, if shorter). Pure.
 *
 * @example
 * ```ts
 * trendOf(4, 1, 83, thresholds); // 'INCREASING'
 * ```
 */
export function trendOf(
  last7: number,
  earlier: number,
  earlierDays: number,
  thresholds: PatternThresholds,
): TrendDirection {
  const recentRate = last7 / 7;
  const earlierRate = earlierDays <= 0 ? 0 : earlier / earlierDays;
  if (last7 >= thresholds.minTrendCount && recentRate >= thresholds.increasingRatio * earlierRate)
    return 'INCREASING';
  if (earlier >= thresholds.minTrendCount && recentRate <= thresholds.decreasingRatio * earlierRate)
    return 'DECREASING';
  return 'STABLE';
}

/**
 * The pattern of an alarm's incidents: counts of the earlier incidents over 7, 30 and 90 days and
 * the retention period, the trend, and the class, first matching rule wins:
 *
 * 1. `BASELINE_DEGRADATION`: the state machine's success rate over at least `minBaselineExecutions`
 *    finished executions is below `degradedSuccessRate`;
 * 2. `FREQUENT_RECENT`: at least `frequentRecentCount` earlier incidents in 7 days;
 * 3. `RECURRING_PATTERN`: at least `recurringCount` earlier incidents in 90 days;
 * 4. `RARE_OCCURRENCE`: some earlier incident within the retention period;
 * 5. `ISOLATED_INCIDENT`: none.
 *
 * `incidentTimes` are the earlier incidents (any order); those after `at` or before the retention
 * period are ignored. Pure.
 *
 * @example
 * ```ts
 * const analysis = analyzePatterns({ incidentTimes, at, retentionDays: 365, baseline: null, thresholds });
 * analysis.classification; // 'FREQUENT_RECENT'
 * ```
 */
export function analyzePatterns(input: {
  readonly incidentTimes: readonly Date[];
  readonly at: Date;
  readonly retentionDays: number;
  readonly baseline: SuccessBaseline | null;
  readonly thresholds: PatternThresholds;
}): PatternAnalysis {
  const { at, retentionDays, baseline, thresholds } = input;
  const now = at.getTime();
  const ages = input.incidentTimes
    .map((time) => now - time.getTime())
    .filter((age) => age > 0 && age <= retentionDays * DAY_MS)
    .sort((a, b) => a - b);
  const within = (days: number) => ages.filter((age) => age <= Math.min(days, retentionDays) * DAY_MS).length;
  const counts = {
    last7Days: within(7),
    last30Days: within(30),
    last90Days: within(90),
    retention: ages.length,
  };
  const trendDays = Math.min(90, retentionDays);
  const earlierDays = Math.max(0, trendDays - 7);
  const earlier = within(trendDays) - counts.last7Days;
  const trendDirection = trendOf(counts.last7Days, earlier, earlierDays, thresholds);

  let classification: PatternClass;
  let reason: string;
  const rate = baseline?.successRate;
  if (
    baseline !== null &&
    rate !== null &&
    rate !== undefined &&
    baseline.finishedExecutions >= thresholds.minBaselineExecutions &&
    rate < thresholds.degradedSuccessRate
  ) {
    classification = 'BASELINE_DEGRADATION';
    reason = `Only ${Math.round(rate * 100)}% of the last ${baseline.finishedExecutions} finished executions succeeded (below ${Math.round(thresholds.degradedSuccessRate * 100)}%).`;
  } else if (counts.last7Days >= thresholds.frequentRecentCount) {
    classification = 'FREQUENT_RECENT';
    reason = `${counts.last7Days} earlier incidents of this alarm in the last 7 days.`;
  } else if (counts.last90Days >= thresholds.recurringCount) {
    classification = 'RECURRING_PATTERN';
    reason = `${counts.last90Days} earlier incidents of this alarm in the last 90 days.`;
  } else if (counts.retention > 0) {
    classification = 'RARE_OCCURRENCE';
    reason = `${counts.retention} earlier incident${counts.retention === 1 ? '' : 's'} of this alarm in ${retentionDays} days.`;
  } else {
    classification = 'ISOLATED_INCIDENT';
    reason = `No earlier incident of this alarm in ${retentionDays} days.`;
  }
  const newest = ages[0];
  const oldest = ages[ages.length - 1];
  return {
    counts,
    retentionDays,
    recentRate: round(counts.last7Days / 7),
    earlierRate: round(earlierDays <= 0 ? 0 : earlier / earlierDays),
    trendDirection,
    classification,
    reason,
    firstSeen: oldest === undefined ? undefined : new Date(now - oldest),
    lastSeen: newest === undefined ? undefined : new Date(now - newest),
  };
}
