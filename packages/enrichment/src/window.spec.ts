import type { AlarmDescription } from './ports';
import { evaluationWindow } from './window';

const AT = new Date('2026-05-01T10:15:00.000Z');
const OPTIONS = { defaultWindowSeconds: 900, maxWindowSeconds: 86_400 };
const metric = (fields: Partial<AlarmDescription>): AlarmDescription => ({
  kind: 'metric',
  name: 'a',
  metrics: [],
  ...fields,
});

describe('Function: evaluationWindow', () => {
  it.each<
    [
      string,
      AlarmDescription | undefined,
      AlarmDescription[],
      {
        minutes: number;
        period: number;
        periods: number;
        datapoints: number;
        source: string;
        clamped?: boolean;
      },
    ]
  >([
    [
      'period × evaluation periods',
      metric({ period: 300, evaluationPeriods: 3, datapointsToAlarm: 2 }),
      [],
      { minutes: 15, period: 300, periods: 3, datapoints: 2, source: 'alarm' },
    ],
    [
      'datapoints default to the evaluation periods',
      metric({ period: 60, evaluationPeriods: 5 }),
      [],
      { minutes: 5, period: 60, periods: 5, datapoints: 5, source: 'alarm' },
    ],
    [
      'datapoints above the periods are capped',
      metric({ period: 60, evaluationPeriods: 2, datapointsToAlarm: 9 }),
      [],
      { minutes: 2, period: 60, periods: 2, datapoints: 2, source: 'alarm' },
    ],
    [
      'missing evaluation periods count as one',
      metric({ period: 600 }),
      [],
      { minutes: 10, period: 600, periods: 1, datapoints: 1, source: 'alarm' },
    ],
    [
      'metric math: the longest period of its metrics',
      metric({
        evaluationPeriods: 4,
        metrics: [
          { id: 'e1', expression: 'm1+m2', dimensions: {} },
          { id: 'm1', period: 60, dimensions: {} },
          { id: 'm2', period: 300, dimensions: {} },
        ],
      }),
      [],
      { minutes: 20, period: 300, periods: 4, datapoints: 4, source: 'alarm' },
    ],
    [
      'the metric period when the alarm has none',
      metric({ metric: { dimensions: {}, period: 120 }, evaluationPeriods: 2 }),
      [],
      { minutes: 4, period: 120, periods: 2, datapoints: 2, source: 'alarm' },
    ],
    [
      'no period anywhere: the default',
      metric({ evaluationPeriods: 3, metrics: [{ id: 'e1', expression: 'x', dimensions: {} }] }),
      [],
      { minutes: 15, period: 900, periods: 1, datapoints: 1, source: 'default' },
    ],
    [
      'zero and negative values are ignored',
      metric({ period: 0, evaluationPeriods: -2 }),
      [],
      { minutes: 15, period: 900, periods: 1, datapoints: 1, source: 'default' },
    ],
    [
      'no configuration: the default',
      undefined,
      [],
      { minutes: 15, period: 900, periods: 1, datapoints: 1, source: 'default' },
    ],
    [
      'composite: the widest child',
      { kind: 'composite', name: 'c', metrics: [], alarmRule: 'ALARM(a) OR ALARM(b)' },
      [
        metric({ name: 'a', period: 60, evaluationPeriods: 5 }),
        metric({ name: 'b', period: 300, evaluationPeriods: 2 }),
      ],
      { minutes: 10, period: 300, periods: 2, datapoints: 2, source: 'children' },
    ],
    [
      'composite without readable children: the default',
      { kind: 'composite', name: 'c', metrics: [], alarmRule: 'ALARM(a)' },
      [],
      { minutes: 15, period: 900, periods: 1, datapoints: 1, source: 'default' },
    ],
    [
      'a window past the maximum is cut',
      metric({ period: 86_400, evaluationPeriods: 7 }),
      [],
      { minutes: 1440, period: 86_400, periods: 7, datapoints: 7, source: 'alarm', clamped: true },
    ],
  ])('%s', (_, alarm, children, expected) => {
    const window = evaluationWindow(alarm, children, AT, OPTIONS);
    expect({
      minutes: (window.end.getTime() - window.start.getTime()) / 60_000,
      period: window.periodSeconds,
      periods: window.evaluationPeriods,
      datapoints: window.datapointsToAlarm,
      source: window.source,
      ...(window.clamped ? { clamped: true } : {}),
    }).toEqual(expected);
    expect(window.end).toEqual(AT);
  });
});
