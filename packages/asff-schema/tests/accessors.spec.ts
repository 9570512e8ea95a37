import {
  type AwsSecurityFinding,
  getAccountId,
  getControlId,
  getPartition,
  getRegion,
  getSeverityLabel,
  isControlFinding,
  parseFinding,
} from '../src';
import { DELETE, edit, type JsonPath } from './helpers/edit';
import { loadFinding } from './helpers/load-event';

/** A parsed fixture finding, after some edits. */
function finding(variant: string, ...edits: [JsonPath, unknown][]): AwsSecurityFinding {
  const input = loadFinding(variant);
  for (const [path, value] of edits) edit(input, path, value);
  return parseFinding(input);
}

describe('Function: getControlId', () => {
  it('reads Compliance.SecurityControlId of a consolidated control finding', () => {
    // Act
    const controlId = getControlId(finding('imported-control-ec2-2'));

    // Assert
    expect(controlId).toBe('EC2.2');
  });

  it('reads the ControlId product field of a standard-specific finding', () => {
    // Arrange
    const input = finding(
      'imported-control-ec2-2',
      [['Compliance', 'SecurityControlId'], DELETE],
      [['GeneratorId'], 'aws-foundational-security-best-practices/v/1.0.0/EC2.2'],
      [['ProductFields', 'ControlId'], 'EC2.2'],
      [
        ['ProductFields', 'StandardsArn'],
        'arn:aws:securityhub:::standards/aws-foundational-security-best-practices/v/1.0.0',
      ],
    );

    // Act
    const controlId = getControlId(input);

    // Assert
    expect(controlId).toBe('EC2.2');
  });

  it('reads the RuleId product field of a CIS v1.2.0 finding', () => {
    // Arrange
    const input = finding(
      'imported-control-iam-2',
      [['Compliance', 'SecurityControlId'], DELETE],
      [['GeneratorId'], 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.16'],
      [['ProductFields', 'RuleId'], '1.16'],
    );

    // Act
    const controlId = getControlId(input);

    // Assert
    expect(controlId).toBe('1.16');
  });

  it.each([
    ['security-control/EC2.2', 'EC2.2'],
    ['aws-foundational-security-best-practices/v/1.0.0/EC2.2', 'EC2.2'],
    ['pci-dss/v/3.2.1/PCI.EC2.2', 'PCI.EC2.2'],
    ['cis-aws-foundations-benchmark/v/1.4.0/5.3', '5.3'],
    ['nist-800-53/v/5.0.0/EC2.2', 'EC2.2'],
    ['arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3', '4.3'],
    ['arn:aws-us-gov:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3', '4.3'],
  ])('derives the control id from the GeneratorId %s', (generatorId, expected) => {
    // Arrange
    const input = finding('imported-control-ec2-2', [['Compliance'], DELETE], [['GeneratorId'], generatorId]);

    // Act
    const controlId = getControlId(input);

    // Assert
    expect(controlId).toBe(expected);
  });

  it.each([['imported-guardduty-finding'], ['imported-inspector-finding']])(
    'returns undefined for a finding no control produced (%s)',
    (variant) => {
      // Act
      const controlId = getControlId(finding(variant));

      // Assert
      expect(controlId).toBeUndefined();
    },
  );

  it.each([
    ['aws/access-analyzer'],
    ['AWSInspector'],
    ['prowler-iam_root_mfa_enabled'],
    ['security-control/'],
  ])('returns undefined for the GeneratorId %s', (generatorId) => {
    // Arrange
    const input = finding('imported-control-ec2-2', [['Compliance'], DELETE], [['GeneratorId'], generatorId]);

    // Act
    const controlId = getControlId(input);

    // Assert
    expect(controlId).toBeUndefined();
  });

  it('ignores a blank SecurityControlId', () => {
    // Arrange
    const input = finding('imported-control-ec2-2', [['Compliance', 'SecurityControlId'], ' ']);

    // Act
    const controlId = getControlId(input);

    // Assert
    expect(controlId).toBe('EC2.2');
  });
});

describe('Function: isControlFinding', () => {
  it.each([
    ['imported-control-ec2-2', true],
    ['imported-control-kms-4', true],
    ['imported-guardduty-finding', false],
    ['imported-inspector-finding', false],
  ])('tells whether %s is a control finding', (variant, expected) => {
    // Act
    const result = isControlFinding(finding(variant));

    // Assert
    expect(result).toBe(expected);
  });
});

describe('Function: getAccountId', () => {
  it('returns the AwsAccountId', () => {
    // Act
    const accountId = getAccountId(finding('imported-guardduty-finding'));

    // Assert
    expect(accountId).toBe('111122223333');
  });
});

describe('Function: getRegion', () => {
  it('prefers the Region of the finding', () => {
    // Arrange
    const input = finding(
      'imported-control-s3-8',
      [['Region'], 'eu-west-1'],
      [['Resources', 0, 'Region'], 'us-east-2'],
    );

    // Act
    const region = getRegion(input);

    // Assert
    expect(region).toBe('eu-west-1');
  });

  it('falls back to the Region of the first resource', () => {
    // Arrange
    const input = finding(
      'imported-control-s3-8',
      [['Region'], DELETE],
      [['Resources', 0, 'Region'], 'us-east-2'],
    );

    // Act
    const region = getRegion(input);

    // Assert
    expect(region).toBe('us-east-2');
  });

  it('falls back to the region of the ProductArn', () => {
    // Arrange
    const input = finding(
      'imported-control-s3-8',
      [['Region'], DELETE],
      [['Resources', 0, 'Region'], DELETE],
      [['ProductArn'], 'arn:aws:securityhub:ap-southeast-2::product/aws/securityhub'],
    );

    // Act
    const region = getRegion(input);

    // Assert
    expect(region).toBe('ap-southeast-2');
  });

  it('returns undefined when nothing names a region', () => {
    // Arrange
    const input = finding(
      'imported-control-s3-8',
      [['Region'], ''],
      [['Resources', 0, 'Region'], DELETE],
      [['ProductArn'], 'arn:aws:securityhub:::product/example/scanner'],
    );

    // Act
    const region = getRegion(input);

    // Assert
    expect(region).toBeUndefined();
  });
});

describe('Function: getPartition', () => {
  it('reads the partition of the ProductArn', () => {
    // Arrange
    const input = finding('imported-guardduty-finding', [
      ['ProductArn'],
      'arn:aws-us-gov:securityhub:us-gov-west-1::product/aws/guardduty',
    ]);

    // Act
    const partition = getPartition(input);

    // Assert
    expect(partition).toBe('aws-us-gov');
  });

  it('falls back to the first resource ARN', () => {
    // Arrange
    const input = finding(
      'imported-control-iam-2',
      [['ProductArn'], 'product/example/scanner'],
      [['Resources', 0, 'Id'], 'arn:aws-cn:iam::111122223333:user/ci-deployer'],
    );

    // Act
    const partition = getPartition(input);

    // Assert
    expect(partition).toBe('aws-cn');
  });

  it('falls back to the Partition of a resource', () => {
    // Arrange
    const input = finding(
      'imported-control-ec2-12',
      [['ProductArn'], 'product/example/scanner'],
      [['Resources', 0, 'Id'], 'eipalloc-0a1b2c3d4e5f67890'],
      [['Resources', 0, 'Partition'], 'aws-iso-b'],
    );

    // Act
    const partition = getPartition(input);

    // Assert
    expect(partition).toBe('aws-iso-b');
  });

  it('returns undefined when nothing names a partition', () => {
    // Arrange
    const input = finding(
      'imported-control-ec2-12',
      [['ProductArn'], 'product/example/scanner'],
      [['Resources', 0, 'Id'], 'eipalloc-0a1b2c3d4e5f67890'],
      [['Resources', 0, 'Partition'], DELETE],
    );

    // Act
    const partition = getPartition(input);

    // Assert
    expect(partition).toBeUndefined();
  });
});

describe('Function: getSeverityLabel', () => {
  it('prefers the label', () => {
    expect(getSeverityLabel({ Label: 'HIGH', Normalized: 10 })).toBe('HIGH');
  });

  it.each([
    [0, 'INFORMATIONAL'],
    [1, 'LOW'],
    [39, 'LOW'],
    [40, 'MEDIUM'],
    [69, 'MEDIUM'],
    [70, 'HIGH'],
    [89, 'HIGH'],
    [90, 'CRITICAL'],
    [100, 'CRITICAL'],
  ] as const)('derives the label of normalized %d: %s', (Normalized, label) => {
    expect(getSeverityLabel({ Normalized })).toBe(label);
  });

  it('is undefined without label or score', () => {
    expect(getSeverityLabel({})).toBeUndefined();
  });
});
