import type { AlarmDescription } from './ports';

/** The time range an alarm evaluated when it went into ALARM. */
export interface EvaluationWindow {
  readonly start: Date;
  /** The state-change time. */
  readonly end: Date;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** `alarm`: from the alarm's configuration; `children`: the widest of a composite's children; `default`: the configuration was not available. */
  readonly source: 'alarm' | 'children' | 'default';
  /** The window was cut to the configured maximum. */
  readonly clamped: boolean;
}

/** Options of {@link evaluationWindow}. */
export interface WindowOptions {
  /** Used when the period cannot be known, in seconds. */
  readonly defaultWindowSeconds: number;
  /** The longest window, in seconds. */
  readonly maxWindowSeconds: number;
}

const positive = (value: number | undefined): number | undefined =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;

/** The period of a metric alarm: its own, else the longest period among its `Metrics[]` entries. */
function periodOf(alarm: AlarmDescription): number | undefined {
  const own = positive(alarm.period) ?? positive(alarm.metric?.period);
  if (own !== undefined) return own;
  const periods = alarm.metrics.map((metric) => positive(metric.period)).filter((p) => p !== undefined);
  return periods.length === 0 ? undefined : Math.max(...periods);
}

function metricWindow(
  alarm: AlarmDescription,
): { period: number; periods: number; datapoints: number } | undefined {
  const period = periodOf(alarm);
  if (period === undefined) return undefined;
  const periods = positive(alarm.evaluationPeriods) ?? 1;
  const datapoints = Math.min(positive(alarm.datapointsToAlarm) ?? periods, periods);
  return { period, periods, datapoints };
}

/**
 * The exact window the alarm evaluated: `Period × EvaluationPeriods` seconds ending at the
 * state-change time (`DatapointsToAlarm` of them had to breach; it defaults to `EvaluationPeriods`).
 * A metric math alarm has no period of its own: its longest `Metrics[]` period counts. A composite
 * alarm takes the widest window of its children (pass them in `children`). Without a usable
 * configuration the window is `defaultWindowSeconds` (`source: 'default'`); it is never longer than
 * `maxWindowSeconds` (`clamped: true`). Pure.
 *
 * @example
 * ```ts
 * const w = evaluationWindow(
 *   { kind: 'metric', name: 'x', metrics: [], period: 300, evaluationPeriods: 3, datapointsToAlarm: 2 },
 *   [],
 *   new Date('2026-05-01T10:15:00Z'),
 *   { defaultWindowSeconds: 900, maxWindowSeconds: 86_400 },
 * );
 * w.start.toISOString(); // '2026-05-01T10:00:00.000Z'
 * ```
 */
export function evaluationWindow(
  alarm: AlarmDescription | undefined,
  children: readonly AlarmDescription[],
  stateChangeTime: Date,
  options: WindowOptions,
): EvaluationWindow {
  let found: { period: number; periods: number; datapoints: number } | undefined;
  let source: EvaluationWindow['source'] = 'default';
  if (alarm?.kind === 'metric') {
    found = metricWindow(alarm);
    if (found !== undefined) source = 'alarm';
  } else if (alarm?.kind === 'composite') {
    for (const child of children) {
      const candidate = child.kind === 'metric' ? metricWindow(child) : undefined;
      if (
        candidate !== undefined &&
        (found === undefined || candidate.period * candidate.periods > found.period * found.periods)
      )
        found = candidate;
    }
    if (found !== undefined) source = 'children';
  }
  const seconds = found === undefined ? options.defaultWindowSeconds : found.period * found.periods;
  const clamped = seconds > options.maxWindowSeconds;
  const span = Math.min(seconds, options.maxWindowSeconds);
  return {
    start: new Date(stateChangeTime.getTime() - span * 1000),
    end: stateChangeTime,
    periodSeconds: found?.period ?? options.defaultWindowSeconds,
    evaluationPeriods: found?.periods ?? 1,
    datapointsToAlarm: found?.datapoints ?? 1,
    source,
    clamped,
  };
}
