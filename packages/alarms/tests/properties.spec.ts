/**
 * Junk in, nothing but AlarmEventError out: arbitrary JSON, mutated real events and generated names
 * either give a finding that validates against the ASFF schema of `@soar/asff-schema`, an ignored
 * result with a reason, or an AlarmEventError that names a field. Never another error.
 */
import { AwsSecurityFindingSchema } from '@soar/asff-schema';
import { anAlarmStateChangeEvent } from '@soar/testing';
import fc from 'fast-check';

import { AlarmEventError, alarmToFinding, type AlarmToFindingResult } from '../src';
import { alarmEventVariants, loadAlarmEvent, mutate } from './helpers/events';

type Outcome = 'finding' | 'ignored' | 'rejected';

/** Runs the conversion; fails the property on any error but AlarmEventError, or an invalid finding. */
function outcome(input: unknown): Outcome {
  let result: AlarmToFindingResult;
  try {
    result = alarmToFinding(input);
  } catch (error) {
    if (error instanceof AlarmEventError) {
      expect(error.issues.length).toBeGreaterThan(0);
      return 'rejected';
    }
    throw error;
  }
  if (result.kind === 'ignored') {
    expect(result.reason).toMatch(/no finding/);
    return 'ignored';
  }
  const parsed = AwsSecurityFindingSchema.safeParse(result.finding);
  if (!parsed.success) throw new Error(`invalid finding: ${parsed.error.message}`);
  const productFields: Record<string, string> = result.finding.ProductFields ?? {};
  const fields = Object.entries(productFields);
  expect(fields.length).toBeLessThanOrEqual(50);
  for (const [key, value] of fields) {
    expect(key.length).toBeLessThanOrEqual(128);
    expect(value.length).toBeLessThanOrEqual(2048);
    expect(value).toMatch(/\S/);
  }
  expect(result.finding.Resources.length).toBeLessThanOrEqual(32);
  expect(result.finding.Id.length).toBeLessThanOrEqual(512);
  expect(result.finding.Title.length).toBeLessThanOrEqual(256);
  expect(result.finding.Description.length).toBeLessThanOrEqual(1024);
  return 'finding';
}

const fixtures = alarmEventVariants().map(loadAlarmEvent);
const mutation = fc.record({
  walk: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  replacement: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything()), { nil: undefined }),
});

describe('Properties: alarmToFinding', () => {
  it('arbitrary JSON is rejected with an AlarmEventError, never another error', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => {
        expect(outcome(input)).toBe('rejected');
      }),
      { numRuns: 300 },
    );
  });

  it('mutated real events give a valid finding, an ignored result or an AlarmEventError', () => {
    const seen = new Set<Outcome>();
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { minLength: 0, maxLength: 4 }),
        (fixture, mutations) => {
          seen.add(outcome(mutate(fixture, mutations)));
        },
      ),
      { numRuns: 600 },
    );
    // Some runs leave the events intact (no mutation), most break them: all three outcomes occur.
    expect(seen).toEqual(new Set(['finding', 'ignored', 'rejected']));
  });

  it('any alarm name CloudWatch accepts gives a valid finding or a suppression', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 255 }).filter((name) => /\S/.test(name)),
        fc.constantFrom('metric', 'metric-math', 'composite' as const),
        (alarmName, kind) => {
          expect(['finding', 'ignored']).toContain(outcome(anAlarmStateChangeEvent({ alarmName, kind })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any string in any field of the state is handled', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.constantFrom('reason', 'reasonData', 'timestamp', 'value'),
        fc.string({ maxLength: 3000 }),
        (fixture, key, value) => {
          const event = structuredClone(fixture);
          event.detail.state[key] = value;
          outcome(event);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any timestamp AWS writes gives the same finding id as its UTC form', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
          const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
          const withOffset = loadAlarmEvent('metric-lambda-medium');
          withOffset.detail.state['timestamp'] = `${local}${sign}${hours}${minutes}`;
          const utc = loadAlarmEvent('metric-lambda-medium');
          utc.detail.state['timestamp'] = date.toISOString();
          const [a, b] = [alarmToFinding(withOffset), alarmToFinding(utc)];
          if (a.kind !== 'finding' || b.kind !== 'finding') throw new Error('expected findings');
          expect(a.finding.Id).toBe(b.finding.Id);
          expect(a.finding.CreatedAt).toBe(date.toISOString());
        },
      ),
      { numRuns: 200 },
    );
  });
});
