import {
  BatchImportFindingsCommand,
  type BatchImportFindingsCommandInput,
  BatchUpdateFindingsCommand,
  type BatchUpdateFindingsCommandInput,
  SecurityHubClient,
  SecurityHubServiceException,
} from '@aws-sdk/client-securityhub';
import { AccessDeniedError, createAwsAccess } from '@soar/aws-access';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import {
  createAwsSecurityHub,
  FindingImportError,
  FindingUpdateError,
  notifiedUpdate,
  SecurityHubRequestError,
  SecurityHubThrottlingError,
  severityUpdate,
  suppressUpdate,
} from '../src';
import { IMPORT_FINDINGS_SCOPE, NOT_REPORTED, UPDATE_FINDINGS_SCOPE } from '../src/aws-security-hub';
import { toErrorReport } from '../src/errors';

const securityHub = mockClient(SecurityHubClient);

function serviceError(name: string, httpStatusCode = 400): SecurityHubServiceException {
  return new SecurityHubServiceException({
    name,
    message: `${name} happened`,
    $fault: 'client',
    $metadata: { httpStatusCode },
  });
}

/** A real `@soar/aws-access` factory (session policies are validated) with its `client` spied on. */
function setUp() {
  const access = createAwsAccess({
    defaultRegion: 'eu-west-1',
    credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
  });
  const clientSpy = jest.spyOn(access, 'client');
  const sleeps: number[] = [];
  const port = createAwsSecurityHub({
    access,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
  });
  return { port, clientSpy, sleeps };
}

/** Answers every BatchUpdateFindings as fully processed. */
function processEverything(): void {
  securityHub.on(BatchUpdateFindingsCommand).callsFake((input: BatchUpdateFindingsCommandInput) => ({
    ProcessedFindings: input.FindingIdentifiers ?? [],
    UnprocessedFindings: [],
  }));
}

beforeEach(() => {
  securityHub.reset();
});

describe('Function: createAwsSecurityHub → updateFindings', () => {
  it('sends the update to the finding account and region, with a session limited to BatchUpdateFindings', async () => {
    // Arrange
    const { port, clientSpy } = setUp();
    processEverything();
    const finding = aControlFinding({ accountId: '444455556666', region: 'ap-northeast-1' });

    // Act
    await port.updateFindings([suppressUpdate(finding, 'Handled')]);

    // Assert
    expect(clientSpy).toHaveBeenCalledWith(
      SecurityHubClient,
      { accountId: '444455556666', region: 'ap-northeast-1' },
      UPDATE_FINDINGS_SCOPE,
    );
    expect(UPDATE_FINDINGS_SCOPE.actions).toEqual(['securityhub:BatchUpdateFindings']);
    expect(securityHub).toHaveReceivedCommandWith(BatchUpdateFindingsCommand, {
      FindingIdentifiers: [{ Id: finding.Id, ProductArn: finding.ProductArn }],
      Workflow: { Status: 'SUPPRESSED' },
      Note: { Text: 'Handled', UpdatedBy: 'SOAR' },
    });
  });

  it('writes the ticket fields, and the matching normalized score with a severity label', async () => {
    // Arrange
    const { port } = setUp();
    processEverything();
    const finding = aControlFinding();

    // Act
    await port.updateFindings([
      notifiedUpdate(finding, { ticketId: 'SEC-42' }),
      severityUpdate(finding, 'INFORMATIONAL', 'Notification only'),
    ]);

    // Assert
    expect(securityHub).toHaveReceivedNthCommandWith(1, BatchUpdateFindingsCommand, {
      Workflow: { Status: 'NOTIFIED' },
      UserDefinedFields: { TicketOpen: 'Yes', TicketId: 'SEC-42' },
    });
    expect(securityHub).toHaveReceivedNthCommandWith(2, BatchUpdateFindingsCommand, {
      Severity: { Label: 'INFORMATIONAL', Normalized: 0 },
    });
  });

  it('sends 250 findings with the same changes in 3 calls of at most 100, and one client per account/region', async () => {
    // Arrange
    const { port, clientSpy } = setUp();
    processEverything();
    const updates = Array.from({ length: 250 }, () => suppressUpdate(aControlFinding(), 'Bulk suppression'));

    // Act
    const result = await port.updateFindings(updates);

    // Assert
    expect(securityHub).toHaveReceivedCommandTimes(BatchUpdateFindingsCommand, 3);
    const sizes = securityHub
      .commandCalls(BatchUpdateFindingsCommand)
      .map((call) => call.args[0].input.FindingIdentifiers?.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(result.updated).toHaveLength(250);
    expect(clientSpy).toHaveBeenCalledTimes(1);
  });

  it('retries findings unprocessed with a retryable code, then succeeds', async () => {
    // Arrange
    const { port, sleeps } = setUp();
    const a = aControlFinding();
    const b = aControlFinding();
    securityHub
      .on(BatchUpdateFindingsCommand)
      .resolvesOnce({
        ProcessedFindings: [{ Id: a.Id, ProductArn: a.ProductArn }],
        UnprocessedFindings: [
          {
            FindingIdentifier: { Id: b.Id, ProductArn: b.ProductArn },
            ErrorCode: 'ConcurrentUpdateError',
            ErrorMessage: 'Concurrent finding updates detected',
          },
        ],
      })
      .resolvesOnce({ ProcessedFindings: [{ Id: b.Id, ProductArn: b.ProductArn }], UnprocessedFindings: [] });

    // Act
    const result = await port.updateFindings([suppressUpdate(a, 'x'), suppressUpdate(b, 'x')]);

    // Assert
    expect(securityHub).toHaveReceivedNthCommandWith(2, BatchUpdateFindingsCommand, {
      FindingIdentifiers: [{ Id: b.Id, ProductArn: b.ProductArn }],
    });
    expect(result.updated.map((id) => id.Id)).toEqual([a.Id, b.Id]);
    expect(sleeps).toEqual([200]);
  });

  it('reports findings still unprocessed after the retries, and permanent ones at once, in one FindingUpdateError', async () => {
    // Arrange
    const { port, sleeps } = setUp();
    const busy = aControlFinding();
    const gone = aControlFinding();
    const fine = aControlFinding();
    securityHub.on(BatchUpdateFindingsCommand).callsFake((input: BatchUpdateFindingsCommandInput) => {
      const ids = input.FindingIdentifiers ?? [];
      return {
        ProcessedFindings: ids.filter((id) => id.Id === fine.Id),
        UnprocessedFindings: ids
          .filter((id) => id.Id !== fine.Id)
          .map((id) => ({
            FindingIdentifier: id,
            ErrorCode: id.Id === gone.Id ? 'FindingNotFound' : 'ConcurrentUpdateError',
            ErrorMessage: id.Id === gone.Id ? 'Finding Not Found' : 'Concurrent finding updates detected',
          })),
      };
    });

    // Act
    const error = await port
      .updateFindings([suppressUpdate(busy, 'x'), suppressUpdate(gone, 'x'), suppressUpdate(fine, 'x')])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingUpdateError);
    const updateError = error as FindingUpdateError;
    expect(updateError.name).toBe('FindingUpdateError');
    expect(updateError.failures).toEqual([
      expect.objectContaining({ findingId: gone.Id, errorCode: 'FindingNotFound', attempts: 1 }),
      expect.objectContaining({ findingId: busy.Id, errorCode: 'ConcurrentUpdateError', attempts: 3 }),
    ]);
    expect(updateError.updated).toEqual([fine.Id]);
    expect(updateError.message).toContain(gone.Id);
    expect(updateError.message).toContain('FindingNotFound');
    expect(securityHub).toHaveReceivedCommandTimes(BatchUpdateFindingsCommand, 3);
    expect(sleeps).toEqual([200, 400]);
    expect(toErrorReport(error)).toMatchObject({
      name: 'FindingUpdateError',
      retryable: false,
      errorCodes: ['FindingNotFound', 'ConcurrentUpdateError'],
    });
  });

  it('fails a finding that Security Hub lists neither as processed nor as unprocessed', async () => {
    // Arrange: the answer accounts for one finding of the two sent
    const { port } = setUp();
    const listed = aControlFinding();
    const forgotten = aControlFinding();
    securityHub.on(BatchUpdateFindingsCommand).resolves({
      ProcessedFindings: [{ Id: listed.Id, ProductArn: listed.ProductArn }],
      UnprocessedFindings: [],
    });

    // Act
    const error = await port
      .updateFindings([suppressUpdate(listed, 'x'), suppressUpdate(forgotten, 'x')])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingUpdateError);
    expect(error).toMatchObject({
      updated: [listed.Id],
      failures: [expect.objectContaining({ findingId: forgotten.Id, errorCode: NOT_REPORTED })],
    });
  });

  it('counts nothing as updated when the answer has no ProcessedFindings at all', async () => {
    // Arrange: an empty answer used to count every finding sent as updated
    const { port } = setUp();
    const finding = aControlFinding();
    securityHub.on(BatchUpdateFindingsCommand).resolves({ UnprocessedFindings: [] });

    // Act
    const error = await port
      .updateFindings([suppressUpdate(finding, 'x')])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingUpdateError);
    expect(error).toMatchObject({
      updated: [],
      failures: [expect.objectContaining({ findingId: finding.Id, errorCode: NOT_REPORTED })],
    });
  });

  it.each(['TooManyRequestsException', 'ThrottlingException'])(
    'turns %s into a SecurityHubThrottlingError that a workflow Retry can match by name',
    async (awsName) => {
      // Arrange
      const { port } = setUp();
      const finding = aControlFinding();
      securityHub.on(BatchUpdateFindingsCommand).rejects(serviceError(awsName, 429));

      // Act
      const error = await port
        .updateFindings([suppressUpdate(finding, 'x')])
        .catch((caught: unknown) => caught);

      // Assert
      expect(error).toBeInstanceOf(SecurityHubThrottlingError);
      expect(error).toMatchObject({
        name: 'SecurityHubThrottlingError',
        awsErrorName: awsName,
        findingIds: [finding.Id],
        findingId: finding.Id,
        accountId: finding.AwsAccountId,
        region: finding.Region,
      });
      expect(toErrorReport(error).retryable).toBe(true);
    },
  );

  it('treats any HTTP 429 as throttling', async () => {
    const { port } = setUp();
    securityHub.on(BatchUpdateFindingsCommand).rejects(serviceError('SlowDown', 429));
    await expect(port.updateFindings([suppressUpdate(aControlFinding(), 'x')])).rejects.toThrow(
      SecurityHubThrottlingError,
    );
  });

  it('wraps other failures, such as a denied role, in SecurityHubRequestError with the cause', async () => {
    // Arrange
    const { port } = setUp();
    const denied = new AccessDeniedError('not allowed', {
      accountId: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/AWSControlTowerExecution',
      sessionName: 'soar-update-findings',
    });
    securityHub.on(BatchUpdateFindingsCommand).rejects(denied);

    // Act
    const error = await port
      .updateFindings([suppressUpdate(aControlFinding(), 'x')])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(SecurityHubRequestError);
    expect(error).toMatchObject({ awsErrorName: 'AccessDeniedError', cause: denied });
  });
});

describe('Function: createAwsSecurityHub → importFindings', () => {
  it('imports into the target account and region with a session limited to BatchImportFindings', async () => {
    // Arrange
    const { port, clientSpy } = setUp();
    securityHub
      .on(BatchImportFindingsCommand)
      .resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    const finding = aGuardDutyFinding({ accountId: '444455556666', region: 'us-west-2' });

    // Act
    const result = await port.importFindings({ accountId: '444455556666', region: 'us-west-2' }, [finding]);

    // Assert
    expect(result.imported).toEqual([finding.Id]);
    expect(clientSpy).toHaveBeenCalledWith(
      SecurityHubClient,
      { accountId: '444455556666', region: 'us-west-2' },
      IMPORT_FINDINGS_SCOPE,
    );
    expect(securityHub).toHaveReceivedCommandWith(BatchImportFindingsCommand, {
      Findings: [expect.objectContaining({ Id: finding.Id, AwsAccountId: '444455556666' })],
    });
  });

  it('splits more than 100 findings into several requests', async () => {
    const { port } = setUp();
    securityHub.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => ({
      FailedCount: 0,
      SuccessCount: input.Findings?.length ?? 0,
      FailedFindings: [],
    }));
    const findings = Array.from({ length: 201 }, () => aGuardDutyFinding());
    await port.importFindings({ accountId: '111122223333', region: 'eu-west-1' }, findings);
    expect(securityHub).toHaveReceivedCommandTimes(BatchImportFindingsCommand, 3);
  });

  it('reports FailedFindings as a FindingImportError naming the findings and codes', async () => {
    // Arrange
    const { port } = setUp();
    const good = aGuardDutyFinding();
    const bad = aGuardDutyFinding();
    securityHub.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 1,
      FailedFindings: [{ Id: bad.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Invalid ProductArn' }],
    });

    // Act
    const error = await port
      .importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [good, bad])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingImportError);
    expect(error).toMatchObject({
      name: 'FindingImportError',
      imported: [good.Id],
      failures: [expect.objectContaining({ findingId: bad.Id, errorCode: 'InvalidInput' })],
    });
  });

  it('retries findings that failed with a retryable code', async () => {
    // Arrange
    const { port } = setUp();
    const finding = aGuardDutyFinding();
    securityHub
      .on(BatchImportFindingsCommand)
      .resolvesOnce({
        FailedCount: 1,
        SuccessCount: 0,
        FailedFindings: [
          { Id: finding.Id, ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure' },
        ],
      })
      .resolvesOnce({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });

    // Act
    const result = await port.importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [finding]);

    // Assert
    expect(result.imported).toEqual([finding.Id]);
    expect(securityHub).toHaveReceivedCommandTimes(BatchImportFindingsCommand, 2);
  });

  it('counts nothing as imported when FailedCount is set without naming the findings', async () => {
    const { port } = setUp();
    securityHub.on(BatchImportFindingsCommand).resolves({ FailedCount: 1, SuccessCount: 0 });
    await expect(
      port.importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [aGuardDutyFinding()]),
    ).rejects.toMatchObject({ name: 'FindingImportError', imported: [] });
  });

  it('fails an import that counts no success and no failure for the findings sent', async () => {
    // Arrange: SuccessCount 0 and FailedCount 0 for one finding used to pass as imported
    const { port } = setUp();
    const finding = aGuardDutyFinding();
    securityHub
      .on(BatchImportFindingsCommand)
      .resolves({ FailedCount: 0, SuccessCount: 0, FailedFindings: [] });

    // Act
    const error = await port
      .importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [finding])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(FindingImportError);
    expect(error).toMatchObject({
      imported: [],
      failures: [expect.objectContaining({ findingId: finding.Id, errorCode: NOT_REPORTED })],
    });
    expect((error as FindingImportError).message).toContain('SuccessCount 0');
  });

  it('fails the findings it cannot tell apart when SuccessCount is short of those not named as failed', async () => {
    // Arrange: three sent, one named as failed, but only one success counted
    const { port } = setUp();
    const [a, b, bad] = [aGuardDutyFinding(), aGuardDutyFinding(), aGuardDutyFinding()];
    securityHub.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 1,
      FailedFindings: [{ Id: bad.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Invalid ProductArn' }],
    });

    // Act
    const error = await port
      .importFindings({ accountId: '111122223333', region: 'eu-west-1' }, [a, b, bad])
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toMatchObject({ name: 'FindingImportError', imported: [] });
    expect((error as FindingImportError).failures.map((failure) => failure.errorCode)).toEqual([
      NOT_REPORTED,
      NOT_REPORTED,
      'InvalidInput',
    ]);
  });

  it('rejects a target account that is not 12 digits, naming the field', async () => {
    const { port } = setUp();
    await expect(port.importFindings({ accountId: '1234', region: 'eu-west-1' }, [])).rejects.toMatchObject({
      name: 'InvalidFindingUpdateError',
      field: 'target.accountId',
    });
  });
});
