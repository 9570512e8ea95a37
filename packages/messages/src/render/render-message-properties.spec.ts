import type { AwsSecurityFinding } from '@soar/asff-schema';
import { type Scratchpad } from '@soar/scratchpad';
import fc from 'fast-check';
import { htmlProblems, slackTexts } from '../../tests/render-assertions';
import {
  aFixedControlFinding,
  aPad,
  HOSTILE,
  OVERDUE_RECORD,
  RENDER_OPTIONS,
} from '../../tests/render-fixtures';
import {
  autoFixedMessage,
  genericMessage,
  incidentMessage,
  teamFixMessage,
  ticketClosedMessage,
} from '../model/build-finding-messages';
import { overdueReminderMessage } from '../model/build-overdue-reminder';
import type { IncidentKind, Message } from '../model/message';
import { renderMessage } from './render-message';

const INCIDENT_KINDS: readonly IncidentKind[] = ['ec2', 'eks', 'iam_user', 's3', 'generic'];

/** Builders of every message kind a finding can produce. */
const BUILDERS: readonly ((pad: Scratchpad) => Message)[] = [
  (pad) => teamFixMessage(pad, { ticketId: 'PAY-1' }),
  (pad) => teamFixMessage(pad),
  (pad) => autoFixedMessage(pad),
  (pad) => ticketClosedMessage(pad, { ticketId: 'PAY-1' }),
  ...INCIDENT_KINDS.map((incidentKind) => (pad: Scratchpad) => incidentMessage(pad, { incidentKind })),
  (pad) => genericMessage(pad),
];

/** One builder per run: each run renders one message, so many runs stay fast. */
const builder = fc.constantFrom(...BUILDERS);

/** Strings mixing arbitrary text (any code unit, lone surrogates included) with injection payloads. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(...Object.values(HOSTILE), '<', '>', '"', "'", '&', '`'),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

const OPTIONAL_FINDING_KEYS = [
  'FirstObservedAt',
  'LastObservedAt',
  'Remediation',
  'Compliance',
  'Workflow',
  'WorkflowState',
  'ProductFields',
  'ProductName',
  'CompanyName',
  'Region',
  'RecordState',
  'FindingProviderFields',
  'ProcessedAt',
] as const;
const OPTIONAL_RESOURCE_KEYS = ['Region', 'Partition', 'Tags', 'Details'] as const;

function withoutKeys<T extends object>(value: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key))) as T;
}

const partialFinding = fc
  .record({
    dropped: fc.subarray([...OPTIONAL_FINDING_KEYS]),
    droppedFromResource: fc.subarray([...OPTIONAL_RESOURCE_KEYS]),
    normalizedOnly: fc.boolean(),
    normalized: fc.integer({ min: 0, max: 100 }),
    remediation: fc.option(
      fc.record(
        { Text: fc.option(fc.string(), { nil: undefined }), Url: fc.option(fc.string(), { nil: undefined }) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    statusReasons: fc.option(
      fc.array(
        fc.record({
          ReasonCode: fc.string({ minLength: 1 }).filter((code) => code.trim() !== ''),
          Description: fc.option(fc.string(), { nil: undefined }),
        }),
      ),
      { nil: undefined },
    ),
    resourceCount: fc.integer({ min: 1, max: 14 }),
  })
  .map((shape): AwsSecurityFinding => {
    const base = aFixedControlFinding();
    const [first] = base.Resources;
    const resource = withoutKeys(
      first ?? { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' },
      shape.droppedFromResource,
    );
    const finding: AwsSecurityFinding = {
      ...base,
      Severity: shape.normalizedOnly ? { Normalized: shape.normalized } : base.Severity,
      Resources: Array.from({ length: shape.resourceCount }, (_, index) => ({
        ...resource,
        Id: `${resource.Id}-${index}`,
      })),
      ...(shape.remediation === undefined ? {} : { Remediation: { Recommendation: shape.remediation } }),
      ...(shape.statusReasons === undefined
        ? {}
        : { Compliance: { Status: 'PASSED', StatusReasons: shape.statusReasons } }),
    };
    return withoutKeys(finding, shape.dropped);
  });

describe('Function: renderMessage', () => {
  it('never lets arbitrary titles and descriptions produce script tags or event handlers', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, builder, (title, description, resourceId, build) => {
        const pad = aPad(aFixedControlFinding());
        const finding = {
          ...pad.finding,
          Title: title,
          Description: description,
          Resources: [{ Type: 'AwsEc2Instance', Id: resourceId }],
        };

        const rendered = renderMessage(build({ ...pad, finding }), RENDER_OPTIONS);

        expect(rendered.html).not.toMatch(/<script/i);
        expect(htmlProblems(rendered.html)).toEqual([]);
        expect(rendered.subject).not.toMatch(/[\r\n]/);
        for (const text of slackTexts(rendered.slack)) expect(text).not.toMatch(/[<>]/);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on findings missing optional fields, with or without account data', () => {
    fc.assert(
      fc.property(partialFinding, fc.boolean(), builder, (finding, withAccount, build) => {
        const pad = aPad(finding, {}, withAccount ? undefined : null);

        const rendered = renderMessage(build(pad), RENDER_OPTIONS);

        expect(rendered.subject.length).toBeLessThanOrEqual(255);
        expect(htmlProblems(rendered.html)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('renders any valid overdue ticket record', () => {
    fc.assert(
      fc.property(
        fc.record({
          ticketId: hostileText.filter((value) => value.trim() !== ''),
          title: hostileText,
          controlId: fc.option(hostileText, { nil: undefined }),
          region: fc.option(fc.string(), { nil: undefined }),
          ageSeconds: fc.double({ min: 0, max: 1e9, noNaN: true }),
          overdueBySeconds: fc.double({ min: 0, max: 1e9, noNaN: true }),
          escalate: fc.boolean(),
        }),
        (overrides) => {
          const rendered = renderMessage(
            overdueReminderMessage({ ...OVERDUE_RECORD, ...overrides }),
            RENDER_OPTIONS,
          );

          expect(rendered.subject).not.toMatch(/[\r\n]/);
          expect(htmlProblems(rendered.html)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
