import {
  AsffValidationError,
  AwsSecurityFindingSchema,
  isAsffFinding,
  parseFinding,
  safeParseFinding,
} from '../src';
import { DELETE, edit } from './helpers/edit';
import { loadFinding } from './helpers/load-event';

describe('Function: parseFinding', () => {
  it('returns the finding, typed', () => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.Compliance?.SecurityControlId).toBe('S3.8');
    expect(
      finding.Resources[0]?.Details?.AwsS3Bucket?.PublicAccessBlockConfiguration?.BlockPublicPolicy,
    ).toBe(false);
    expect(finding).toStrictEqual(input);
  });

  it('keeps timestamps as the strings AWS sent', () => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, ['UpdatedAt'], '2024-03-04T08:12:59.517123456+0000');

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.UpdatedAt).toBe('2024-03-04T08:12:59.517123456+0000');
  });

  it('accepts a severity with only the Normalized score', () => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, ['Severity'], { Normalized: 70 });

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.Severity).toStrictEqual({ Normalized: 70 });
  });

  it('accepts any resource partition, known or not', () => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, ['Resources', 0, 'Partition'], 'aws-eusc');

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.Resources[0]?.Partition).toBe('aws-eusc');
  });

  it.each([
    ['AwsAccountId'],
    ['CreatedAt'],
    ['Description'],
    ['GeneratorId'],
    ['Id'],
    ['ProductArn'],
    ['Resources'],
    ['SchemaVersion'],
    ['Severity'],
    ['Title'],
    ['Types'],
    ['UpdatedAt'],
  ])('requires %s', (attribute) => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, [attribute], DELETE);

    // Act
    const result = safeParseFinding(input);

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues).toStrictEqual([
        { path: attribute, code: 'invalid_type', message: expect.any(String) },
      ]);
      expect(result.error.message).toMatch(new RegExp(`^Invalid ASFF finding: ${attribute}: `));
    }
  });

  // These parts are built on the first finding that carries them (a control finding carries none of
  // them); a bad value in one must still be reported with its full path, as an eager schema would.
  it.each<[string, (string | number)[], unknown, string]>([
    ['Network', ['Network'], { Direction: 'SIDEWAYS' }, 'Network.Direction'],
    [
      'NetworkPath',
      ['NetworkPath'],
      [{ Ingress: { Source: { Address: 'x' } } }],
      'NetworkPath[0].Ingress.Source.Address',
    ],
    ['Action', ['Action'], { PortProbeAction: { Blocked: 'no' } }, 'Action.PortProbeAction.Blocked'],
    ['Detection', ['Detection'], { Sequence: { Uid: 7 } }, 'Detection.Sequence.Uid'],
    ['GeneratorDetails', ['GeneratorDetails'], { Labels: 'one' }, 'GeneratorDetails.Labels'],
    ['Malware', ['Malware'], [{ Name: '' }], 'Malware[0].Name'],
    ['PatchSummary', ['PatchSummary'], { Id: '' }, 'PatchSummary.Id'],
    ['Process', ['Process'], { Pid: 'one' }, 'Process.Pid'],
    ['RelatedFindings', ['RelatedFindings'], [{ ProductArn: 'arn', Id: '' }], 'RelatedFindings[0].Id'],
    ['Threats', ['Threats'], [{ ItemCount: 1.5 }], 'Threats[0].ItemCount'],
    [
      'ThreatIntelIndicators',
      ['ThreatIntelIndicators'],
      [{ Type: 'RUMOUR' }],
      'ThreatIntelIndicators[0].Type',
    ],
    [
      'Vulnerabilities',
      ['Vulnerabilities'],
      [{ Id: 'CVE-1', Cvss: [{ BaseScore: 'high' }] }],
      'Vulnerabilities[0].Cvss[0].BaseScore',
    ],
    [
      'Resources[].DataClassification',
      ['Resources', 0, 'DataClassification'],
      { Result: { SensitiveData: 'many' } },
      'Resources[0].DataClassification.Result.SensitiveData',
    ],
  ])('reports a bad %s with its full path', (_part, at, value, path) => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, at, value);

    // Act
    const result = safeParseFinding(input);

    // Assert
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues).toStrictEqual([
        { path, code: expect.any(String), message: expect.any(String) },
      ]);
    }
  });

  it('accepts every lazily built part when it is valid', () => {
    // Arrange
    const input = loadFinding('imported-control-s3-8');
    edit(input, ['Network'], { Direction: 'IN', SourcePort: 42137, OpenPortRange: { Begin: 22, End: 22 } });
    edit(input, ['Malware'], [{ Name: 'EICAR-Test-File', State: 'OBSERVED' }]);
    edit(input, ['Vulnerabilities'], [{ Id: 'CVE-2024-0001', Cvss: [{ BaseScore: 9.8 }] }]);

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.Network?.OpenPortRange).toStrictEqual({ Begin: 22, End: 22 });
    expect(finding.Malware?.[0]?.State).toBe('OBSERVED');
    expect(finding.Vulnerabilities?.[0]?.Cvss?.[0]?.BaseScore).toBe(9.8);
  });

  it('throws an AsffValidationError with the context of the finding', () => {
    // Arrange
    const input = loadFinding('imported-control-rds-3');
    edit(input, ['Resources', 0, 'Details', 'AwsRdsDbInstance', 'StorageEncrypted'], 'no');

    // Act
    const act = () => parseFinding(input);

    // Assert
    expect(act).toThrow(AsffValidationError);
    expect(act).toThrow(
      'Invalid ASFF finding: Resources[0].Details.AwsRdsDbInstance.StorageEncrypted: Invalid input: expected boolean, received string',
    );
    expect(act).toThrow(
      expect.objectContaining({
        accountId: '111122223333',
        controlId: 'RDS.3',
        resourceArn: 'arn:aws:rds:us-east-1:111122223333:db:orders-db',
      }),
    );
  });
});

describe('Function: isAsffFinding', () => {
  it('tells findings from other values', () => {
    // Arrange
    const finding = loadFinding('imported-guardduty-finding');

    // Act
    const results = [finding, { ...finding, Resources: [] }, null, 'finding'].map(isAsffFinding);

    // Assert
    expect(results).toStrictEqual([true, false, false, false]);
  });

  it('agrees with the schema', () => {
    // Arrange
    const finding = loadFinding('imported-inspector-finding');

    // Act
    const fromSchema = AwsSecurityFindingSchema.safeParse(finding).success;

    // Assert
    expect(isAsffFinding(finding)).toBe(fromSchema);
  });
});
