import {
  AsffValidationError,
  parseFindingsEvent,
  safeParseFindingsEvent,
  SecurityHubFindingsCustomActionEventSchema,
  SecurityHubFindingsImportedEventSchema,
} from '../src';
import { DELETE, edit, type JsonPath } from './helpers/edit';
import { firstFinding, listEvents, loadEvent } from './helpers/load-event';

const FINDING = ['detail', 'findings', 0] as const;

const thrown = (action: () => unknown): AsffValidationError => {
  try {
    action();
  } catch (error) {
    if (error instanceof AsffValidationError) return error;
    throw error;
  }
  throw new Error('Expected an AsffValidationError, but nothing was thrown');
};

describe('Function: parseFindingsEvent', () => {
  it.each(listEvents('aws.securityhub'))('parses the %s fixture and returns it unchanged', (variant) => {
    // Arrange
    const input = loadEvent('aws.securityhub', variant);

    // Act
    const event = parseFindingsEvent(input);

    // Assert
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(input);
  });

  it('parses a consolidated control finding', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');

    // Act
    const event = parseFindingsEvent(input);

    // Assert
    expect(event['detail-type']).toBe('Security Hub Findings - Imported');
    const finding = firstFinding(event);
    expect(finding.GeneratorId).toBe('security-control/EC2.2');
    expect(finding.Compliance).toMatchObject({ Status: 'FAILED', SecurityControlId: 'EC2.2' });
    expect(finding.Severity.Label).toBe('HIGH');
    expect(finding.Resources[0]?.Details?.AwsEc2SecurityGroup?.GroupName).toBe('default');
  });

  it('parses a GuardDuty finding with its action', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-guardduty-finding');

    // Act
    const finding = firstFinding(parseFindingsEvent(input));

    // Assert
    expect(finding.ProductName).toBe('GuardDuty');
    expect(finding.Compliance).toBeUndefined();
    expect(finding.Action?.ActionType).toBe('PORT_PROBE');
    expect(
      finding.Action?.PortProbeAction?.PortProbeDetails?.[0]?.RemoteIpDetails?.Country?.CountryCode,
    ).toBe('NL');
    expect(finding.Resources[0]?.Details?.AwsEc2Instance?.MetadataOptions?.HttpTokens).toBe('optional');
  });

  it('parses an Inspector finding with its vulnerabilities', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-inspector-finding');

    // Act
    const finding = firstFinding(parseFindingsEvent(input));

    // Assert
    const [vulnerability] = finding.Vulnerabilities ?? [];
    expect(vulnerability?.Id).toBe('CVE-2023-44487');
    expect(vulnerability?.Cvss?.[0]?.BaseScore).toBe(7.5);
    expect(vulnerability?.FixAvailable).toBe('YES');
    expect(finding.Resources[0]?.Details?.['AwsEcrContainerImage']).toMatchObject({
      RepositoryName: 'orders-service',
    });
  });

  it('parses a custom action event and types it by its detail-type', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'custom-action');

    // Act
    const event = parseFindingsEvent(input);

    // Assert
    expect(event['detail-type']).toBe('Security Hub Findings - Custom Action');
    if (event['detail-type'] === 'Security Hub Findings - Custom Action') {
      expect(event.detail.actionName).toBe('OpenTicket');
      expect(event.detail.actionDescription).toBe('Open a ticket for the team that owns the account');
    }
    expect(firstFinding(event).Compliance?.SecurityControlId).toBe('S3.8');
  });

  it('agrees with the schema of each event type', () => {
    // Arrange
    const imported = loadEvent('aws.securityhub', 'imported-guardduty-finding');
    const customAction = loadEvent('aws.securityhub', 'custom-action');

    // Act
    const results = [
      SecurityHubFindingsImportedEventSchema.safeParse(imported).success,
      SecurityHubFindingsCustomActionEventSchema.safeParse(customAction).success,
      SecurityHubFindingsImportedEventSchema.safeParse(customAction).success,
      SecurityHubFindingsCustomActionEventSchema.safeParse(imported).success,
    ];

    // Assert
    expect(results).toStrictEqual([true, true, false, false]);
  });

  describe('when the event is malformed', () => {
    it.each<[string, JsonPath, unknown, string, string]>([
      [
        'a numeric account id',
        [...FINDING, 'AwsAccountId'],
        111122223333,
        'detail.findings[0].AwsAccountId',
        'invalid_type',
      ],
      [
        'an 11-digit account id',
        [...FINDING, 'AwsAccountId'],
        '11112222333',
        'detail.findings[0].AwsAccountId',
        'invalid_format',
      ],
      ['a missing title', [...FINDING, 'Title'], DELETE, 'detail.findings[0].Title', 'invalid_type'],
      [
        'a blank description',
        [...FINDING, 'Description'],
        '   ',
        'detail.findings[0].Description',
        'invalid_format',
      ],
      [
        'an unknown severity label',
        [...FINDING, 'Severity', 'Label'],
        'SEVERE',
        'detail.findings[0].Severity.Label',
        'invalid_value',
      ],
      [
        'a severity with neither Label nor Normalized',
        [...FINDING, 'Severity'],
        { Original: 'HIGH' },
        'detail.findings[0].Severity.Label',
        'custom',
      ],
      [
        'a normalized severity above 100',
        [...FINDING, 'Severity', 'Normalized'],
        700,
        'detail.findings[0].Severity.Normalized',
        'too_big',
      ],
      ['no resources', [...FINDING, 'Resources'], [], 'detail.findings[0].Resources', 'too_small'],
      [
        'a resource without an id',
        [...FINDING, 'Resources', 0, 'Id'],
        DELETE,
        'detail.findings[0].Resources[0].Id',
        'invalid_type',
      ],
      [
        'an impossible date',
        [...FINDING, 'CreatedAt'],
        '2024-02-30T08:12:44.101Z',
        'detail.findings[0].CreatedAt',
        'custom',
      ],
      [
        'a date that is not ISO 8601',
        [...FINDING, 'UpdatedAt'],
        'Mon, 04 Mar 2024 08:12:59 GMT',
        'detail.findings[0].UpdatedAt',
        'custom',
      ],
      [
        'an unknown workflow status',
        [...FINDING, 'Workflow', 'Status'],
        'DONE',
        'detail.findings[0].Workflow.Status',
        'invalid_value',
      ],
      [
        'an unknown compliance status',
        [...FINDING, 'Compliance', 'Status'],
        'FAIL',
        'detail.findings[0].Compliance.Status',
        'invalid_value',
      ],
      [
        'an unknown record state',
        [...FINDING, 'RecordState'],
        'DELETED',
        'detail.findings[0].RecordState',
        'invalid_value',
      ],
      [
        'a product field that is not a string',
        [...FINDING, 'ProductFields', 'aws/securityhub/FindingId'],
        42,
        'detail.findings[0].ProductFields["aws/securityhub/FindingId"]',
        'invalid_type',
      ],
      [
        'a typed details field of the wrong type',
        [
          ...FINDING,
          'Resources',
          0,
          'Details',
          'AwsEc2SecurityGroup',
          'IpPermissions',
          1,
          'IpRanges',
          0,
          'CidrIp',
        ],
        10,
        'detail.findings[0].Resources[0].Details.AwsEc2SecurityGroup.IpPermissions[1].IpRanges[0].CidrIp',
        'invalid_type',
      ],
      ['no findings', ['detail', 'findings'], [], 'detail.findings', 'too_small'],
      ['no detail', ['detail'], DELETE, 'detail', 'invalid_type'],
      [
        'another detail-type',
        ['detail-type'],
        'Security Hub Insight Results',
        'detail-type',
        'invalid_union',
      ],
      ['another source', ['source'], 'aws.guardduty', 'source', 'invalid_value'],
      ['an event time that is not a timestamp', ['time'], 'yesterday', 'time', 'custom'],
    ])('rejects %s with the path of the field', (_name, where, value, path, code) => {
      // Arrange
      const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
      edit(input, where, value);

      // Act
      const error = thrown(() => parseFindingsEvent(input));

      // Assert
      expect(error.issues).toStrictEqual([expect.objectContaining({ path, code })]);
      expect(error.message).toContain(`${path}: `);
    });

    it('reports every issue, and names the first ones in the message', () => {
      // Arrange
      const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
      edit(input, [...FINDING, 'AwsAccountId'], 'none');
      edit(input, [...FINDING, 'Severity', 'Label'], 'SEVERE');
      edit(input, [...FINDING, 'Workflow', 'Status'], 'DONE');
      edit(input, [...FINDING, 'RecordState'], 'DELETED');
      edit(input, [...FINDING, 'Title'], 7);

      // Act
      const error = thrown(() => parseFindingsEvent(input));

      // Assert
      expect(error.issues.map((issue) => issue.path)).toStrictEqual([
        'detail.findings[0].AwsAccountId',
        'detail.findings[0].Severity.Label',
        'detail.findings[0].Title',
        'detail.findings[0].RecordState',
        'detail.findings[0].Workflow.Status',
      ]);
      expect(error.message).toMatch(
        /^Invalid Security Hub findings event: detail\.findings\[0\]\.AwsAccountId: .*; and 2 more issues$/,
      );
    });

    it('keeps input values out of the message, however large', () => {
      // Arrange
      const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
      const value = `VALUE-${'v'.repeat(100_000)}`;
      const key = `KEY-${'k'.repeat(100_000)}`;
      edit(input, [...FINDING, 'Description'], value);
      edit(input, [...FINDING, 'Severity', 'Label'], value);
      edit(input, [...FINDING, 'ProductFields', key], 42);

      // Act
      const error = thrown(() => parseFindingsEvent(input));

      // Assert
      expect(error.message).not.toContain('VALUE-');
      expect(error.message).toContain('ProductFields["KEY-kkk');
      expect(error.message.length).toBeLessThan(1_000);
      expect(JSON.stringify(error.issues).length).toBeLessThan(1_000);
    });

    it('attaches the account, control and resource of the failed finding', () => {
      // Arrange
      const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
      edit(input, [...FINDING, 'Severity', 'Label'], 'SEVERE');

      // Act
      const error = thrown(() => parseFindingsEvent(input));

      // Assert
      expect(error).toMatchObject({
        accountId: '111122223333',
        controlId: 'EC2.2',
        resourceArn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f67890',
      });
    });

    it.each<[string, unknown]>([
      ['undefined', undefined],
      ['null', null],
      ['a number', 42],
      ['a string', '{"detail-type":"Security Hub Findings - Imported"}'],
      ['an array', [loadEvent('aws.securityhub', 'custom-action')]],
    ])('rejects %s as a whole', (_name, input) => {
      // Act
      const error = thrown(() => parseFindingsEvent(input));

      // Assert
      expect(error.issues).toStrictEqual([expect.objectContaining({ path: '', code: 'invalid_type' })]);
      expect(error.message).toMatch(
        /^Invalid Security Hub findings event: Invalid input: expected object, received \w+$/,
      );
    });
  });
});

describe('Function: safeParseFindingsEvent', () => {
  it('returns the event on success', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-guardduty-finding');

    // Act
    const result = safeParseFindingsEvent(input);

    // Assert
    expect(result.success).toBe(true);
    if (result.success) expect(firstFinding(result.data).ProductName).toBe('GuardDuty');
  });

  it('returns the error on failure, without throwing', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-guardduty-finding');
    edit(input, [...FINDING, 'Resources'], 'i-0123456789abcdef0');

    // Act
    const result = safeParseFindingsEvent(input);

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(AsffValidationError);
      expect(result.error.issues[0]?.path).toBe('detail.findings[0].Resources');
    }
  });

  it('does not throw on a cyclic input', () => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
    edit(input, [...FINDING, 'Self'], input);
    edit(input, [...FINDING, 'Title'], input);

    // Act
    const result = safeParseFindingsEvent(input);

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.path).toBe('detail.findings[0].Title');
  });

  it('does not throw on an input whose fields throw when read', () => {
    // Arrange
    const input = new Proxy(loadEvent('aws.securityhub', 'imported-control-ec2-2'), {
      get(): never {
        throw new Error('boom');
      },
    });

    // Act
    const result = safeParseFindingsEvent(input);

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues[0]?.code).toBe('unreadable_input');
  });
});
