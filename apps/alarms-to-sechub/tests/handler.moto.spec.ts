/**
 * The Lambda handler against a moto 5 server, whose Security Hub implements BatchImportFindings and
 * GetFindings per account and region (checked with moto 5.2.1): the finding lands in the alarm's own
 * account and region (moto acts in the account of the assumed role), a re-delivery updates the same
 * finding, and a second ALARM transition makes a second one. moto does not evaluate IAM or session
 * policies: what is sent is asserted in `handler.spec.ts` (aws-sdk-client-mock).
 */
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AwsSecurityFindingSchema } from '@soar/asff-schema';
import { type AwsAccess, createAwsAccess } from '@soar/aws-access';
import { anAlarmStateChangeEvent, startMotoServer, type MotoServer } from '@soar/testing';

import { awsDeps, run } from '../src/functions/alarm-to-sechub';

const ROLE = 'SecurityHubRole';
const ORIGIN = '444455556666';
const BASE = { accessKeyId: 'testing', secretAccessKey: 'testing' }; // moto's default account 123456789012
const ENV = { ALARMS_CONFIG: JSON.stringify({ roleName: ROLE }) };

let moto: MotoServer;
let access: AwsAccess;

beforeAll(async () => {
  moto = await startMotoServer();
}, 30_000);
afterAll(() => moto.stop());
beforeEach(() => {
  access = createAwsAccess({ roleName: ROLE, endpoint: moto.endpoint, credentials: BASE, maxAttempts: 1 });
});
afterEach(() => moto.reset());

/** The findings moto's Security Hub holds in one account and region, read as that account. */
async function findingsIn(accountId: string, region: string) {
  const client = access.client(
    SecurityHubClient,
    { accountId, region },
    { purpose: 'test-read', actions: ['securityhub:GetFindings'] },
  );
  return (await client.send(new GetFindingsCommand({}))).Findings ?? [];
}

describe('Handler: alarm-to-sechub (moto 5: BatchImportFindings + GetFindings)', () => {
  it('imports the finding into the origin account and region, and nowhere else', async () => {
    // Arrange
    const handler = (event: unknown) => run(event, awsDeps(ENV, { access }));
    const event = anAlarmStateChangeEvent({
      account: ORIGIN,
      region: 'eu-north-1',
      alarmName: 'INFRA-Forensics-SM-Failure-HIGH',
    });

    // Act
    const outcome = await handler(event);

    // Assert
    expect(outcome).toMatchObject({ outcome: 'imported', accountId: ORIGIN, region: 'eu-north-1' });
    const stored = await findingsIn(ORIGIN, 'eu-north-1');
    expect(stored).toHaveLength(1);
    expect(AwsSecurityFindingSchema.safeParse(stored[0]).success).toBe(true);
    expect(stored[0]).toMatchObject({
      AwsAccountId: ORIGIN,
      ProductArn: `arn:aws:securityhub:eu-north-1:${ORIGIN}:product/${ORIGIN}/default`,
      Severity: { Label: 'HIGH' },
      ProductFields: expect.objectContaining({ IncidentDomain: 'INFRA', 'soar/alarm/region': 'eu-north-1' }),
    });
    expect(await findingsIn(ORIGIN, 'eu-west-1')).toEqual([]);
    expect(await findingsIn('123456789012', 'eu-north-1')).toEqual([]); // not the caller's (security) account
  });

  it('imports a re-delivery as the same finding, and a second transition as another one', async () => {
    const handler = (event: unknown) => run(event, awsDeps(ENV, { access }));
    const event = anAlarmStateChangeEvent({ account: ORIGIN, region: 'eu-west-1' });
    const later = {
      ...event,
      id: 'a-later-transition',
      detail: {
        ...event.detail,
        state: { ...event.detail.state, timestamp: '2026-11-20T11:45:00.000+0000' },
      },
    };

    await handler(event);
    await handler(structuredClone(event));
    expect(await findingsIn(ORIGIN, 'eu-west-1')).toHaveLength(1);

    await handler(later);
    const ids = (await findingsIn(ORIGIN, 'eu-west-1')).map((finding) => finding.Id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });
});
