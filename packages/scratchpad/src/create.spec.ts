import { aControlFinding, aFindingsImportedEvent, aGuardDutyFinding } from '@soar/testing';
import fc from 'fast-check';
import { createScratchpad, parseScratchpad, safeParseScratchpad, scratchpadsFromEvent } from './create';
import { ScratchpadValidationError } from './errors';
import { DEFAULT_ACTIONS_REQUIRED, NO_ACTIONS_TAKEN } from './parts';

const account = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments-prod@example.com',
  TeamEmail: 'payments-team@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  AccountNew: false,
};

describe('Function: createScratchpad', () => {
  it('starts with every default filled in', () => {
    // Arrange
    const finding = aControlFinding({ controlId: 'S3.8' });

    // Act
    const pad = createScratchpad(finding);

    // Assert
    expect(pad).toEqual({
      version: 1,
      finding,
      tags: {},
      actions: { suppress_finding: false, autoremediation_not_done: false, reconsider_later: false },
      messages: {
        actions_taken: NO_ACTIONS_TAKEN,
        actions_required: DEFAULT_ACTIONS_REQUIRED,
        ai: { plaintext: '', html: '' },
      },
      db: {},
    });
  });

  it('keeps fields of the finding that the schema does not know', () => {
    const finding = { ...aControlFinding(), FieldAddedByAwsLater: { Nested: [1, 2] } };

    const pad = createScratchpad(finding);

    expect(pad.finding).toHaveProperty('FieldAddedByAwsLater', { Nested: [1, 2] });
  });

  it('takes the account and resource tags it is given, with account defaults applied', () => {
    const pad = createScratchpad(aGuardDutyFinding(), { account, tags: { owner: 'payments' } });

    expect(pad.account).toMatchObject({
      ...account,
      Client: 'Unspecified',
      OrganizationalUnitPath: [],
      Tags: {},
    });
    expect(pad.tags).toEqual({ owner: 'payments' });
  });

  it('names the invalid field of the finding', () => {
    const finding = { ...aControlFinding(), AwsAccountId: 42 };

    expect(() => createScratchpad(finding)).toThrow(ScratchpadValidationError);
    expect(() => createScratchpad(finding)).toThrow(/finding\.AwsAccountId/);
  });
});

describe('Function: parseScratchpad', () => {
  it('names every invalid field', () => {
    const input = {
      finding: aControlFinding(),
      account: { ...account, Id: '1234' },
      actions: { suppress_finding: 'Yes' },
      penalty_score: -1,
    };

    const result = safeParseScratchpad(input);

    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['account.Id', 'actions.suppress_finding', 'penalty_score']),
    );
    expect(result.error.message).toContain('account.Id');
  });

  it('keeps keys added by later workflow steps', () => {
    const pad = parseScratchpad({ finding: aControlFinding(), decision: { route: 'ticket' } });

    expect(pad).toHaveProperty('decision', { route: 'ticket' });
  });

  it('round-trips through JSON unchanged', () => {
    const pad = createScratchpad(aControlFinding(), { account });

    expect(parseScratchpad(JSON.parse(JSON.stringify(pad)))).toEqual(pad);
  });

  it('carries the error of a failed step in the shape Step Functions writes', () => {
    const error = {
      Error: 'AccessDenied',
      Cause: '{"errorMessage":"not authorized to perform ec2:RevokeSecurityGroupIngress"}',
    };

    const pad = parseScratchpad({ finding: aControlFinding(), error });

    expect(pad.error).toEqual(error);
  });

  it('never throws from the safe variant, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = safeParseScratchpad(input);
        expect(result.success).toBe(false);
      }),
    );
  });
});

describe('Function: scratchpadsFromEvent', () => {
  it('makes one scratchpad per finding, dropping none', () => {
    const findings = [aControlFinding(), aGuardDutyFinding()];

    const pads = scratchpadsFromEvent(aFindingsImportedEvent(findings));

    expect(pads.map((pad) => pad.finding.Id)).toEqual(findings.map((f) => f.Id));
  });

  it('rejects an event that is not a Security Hub findings event, naming the field', () => {
    const event = aFindingsImportedEvent([aControlFinding()]);
    (event.detail.findings[0] as Record<string, unknown>)['Resources'] = 'not-a-list';

    expect(() => scratchpadsFromEvent(event)).toThrow(ScratchpadValidationError);
    expect(() => scratchpadsFromEvent(event)).toThrow(/detail\.findings\[0\]\.Resources/);
    expect(() => scratchpadsFromEvent(undefined)).toThrow(ScratchpadValidationError);
  });
});
