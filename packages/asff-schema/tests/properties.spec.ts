import fc from 'fast-check';

import {
  AsffValidationError,
  getAccountId,
  getControlId,
  getPartition,
  getRegion,
  isAsffFinding,
  isControlFinding,
  parseAlarmStateChangeEvent,
  parseArn,
  parseFinding,
  parseFindingsEvent,
  safeParseAlarmStateChangeEvent,
  safeParseFinding,
  safeParseFindingsEvent,
} from '../src';
import { isAwsTimestamp } from '../src/primitives';
import { mutate, mutation, validFinding, validImportedEvent } from './helpers/arbitraries';
import { listEvents, loadEvent } from './helpers/load-event';

/** The same value after a JSON round trip: what a queue, a log or a database would give back. */
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Runs a throwing parser and reports what happened, failing the property on any other error. */
function outcome(parse: (input: unknown) => unknown, input: unknown): 'parsed' | 'rejected' {
  try {
    parse(input);
    return 'parsed';
  } catch (error) {
    if (error instanceof AsffValidationError) return 'rejected';
    throw error;
  }
}

const fixtures = [
  ...listEvents('aws.securityhub').map((variant) => loadEvent('aws.securityhub', variant)),
  ...listEvents('aws.cloudwatch').map((variant) => loadEvent('aws.cloudwatch', variant)),
];

describe('Properties: parsing and accessors', () => {
  describe('of valid findings', () => {
    it('they always parse, and survive a parse and serialize round trip unchanged', () => {
      fc.assert(
        fc.property(validFinding, (input) => {
          // Act
          const result = safeParseFinding(input);

          // Assert
          expect(result.success).toBe(true);
          if (result.success) expect(viaJson(result.data)).toStrictEqual(viaJson(input));
        }),
        { numRuns: 150 },
      );
    });

    it('the events that carry them always parse, and parsing twice changes nothing', () => {
      fc.assert(
        fc.property(validImportedEvent, (input) => {
          // Act
          const once = parseFindingsEvent(input);
          const twice = parseFindingsEvent(viaJson(once));

          // Assert
          expect(viaJson(twice)).toStrictEqual(viaJson(input));
        }),
        { numRuns: 60 },
      );
    });

    it('the accessors never throw on them and return what they promise', () => {
      fc.assert(
        fc.property(validFinding, (input) => {
          // Arrange
          const finding = parseFinding(input);

          // Act
          const controlId = getControlId(finding);
          const region = getRegion(finding);
          const partition = getPartition(finding);

          // Assert
          expect(getAccountId(finding)).toMatch(/^\d{12}$/);
          expect(isControlFinding(finding)).toBe(controlId !== undefined);
          for (const value of [controlId, region, partition]) {
            if (value !== undefined) expect(value.trim()).not.toBe('');
          }
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('of any input', () => {
    it('the safe functions never throw, and the others throw only AsffValidationError', () => {
      fc.assert(
        fc.property(fc.anything(), (input) => {
          // Act
          const safe = [
            safeParseFinding(input),
            safeParseFindingsEvent(input),
            safeParseAlarmStateChangeEvent(input),
          ];
          const thrown = [parseFinding, parseFindingsEvent, parseAlarmStateChangeEvent].map((parse) =>
            outcome(parse, input),
          );

          // Assert
          expect(safe.map((result) => result.success)).toStrictEqual(
            thrown.map((result) => result === 'parsed'),
          );
          for (const result of safe)
            if (!result.success) expect(result.error).toBeInstanceOf(AsffValidationError);
          expect(typeof isAsffFinding(input)).toBe('boolean');
        }),
        { numRuns: 300 },
      );
    });

    it('mutated fixture events never make the safe functions throw', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          (fixture, mutations) => {
            // Arrange
            const input = mutate(fixture, mutations);

            // Act
            const findings = safeParseFindingsEvent(input);
            const alarm = safeParseAlarmStateChangeEvent(input);
            const thrown = [parseFindingsEvent, parseAlarmStateChangeEvent].map((parse) =>
              outcome(parse, input),
            );

            // Assert
            expect([findings.success, alarm.success]).toStrictEqual(
              thrown.map((result) => result === 'parsed'),
            );
            for (const result of [findings, alarm]) {
              if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
            }
            if (findings.success) {
              for (const finding of findings.data.detail.findings) {
                expect(() => [
                  getControlId(finding),
                  getRegion(finding),
                  getPartition(finding),
                ]).not.toThrow();
              }
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('parseArn and isAwsTimestamp never throw, and parseArn splits losslessly', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.constant('arn:').chain((prefix) => fc.string().map((s) => prefix + s)),
          ),
          (text) => {
            // Act
            const arn = parseArn(text);

            // Assert
            expect(typeof isAwsTimestamp(text)).toBe('boolean');
            if (arn !== undefined) {
              expect(
                `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`,
              ).toBe(text);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
