import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ec2_7 } from '../src/controls/ec2/ec2-7';
import {
  checkReadme,
  type DocumentedControl,
  renderControlLinks,
  renderControlsSection,
  renderControlsTable,
  renderIamActions,
  securityHubControlUrl,
  withControlsTable,
} from '../scripts/generate-docs';

const USER_GUIDE = 'https://docs.aws.amazon.com/securityhub/latest/userguide';

describe('README controls table', () => {
  it('is current: run `npx tsx packages/remediations/scripts/generate-docs.ts` when this fails', () => {
    // Act
    const { current } = checkReadme();

    // Assert
    expect(current).toBe(true);
  });

  it('is detected as stale when a control is missing from it', () => {
    // Arrange: a README whose table lists no control
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-docs-'));
    const readme = path.join(dir, 'README.md');
    fs.writeFileSync(
      readme,
      withControlsTable('# x\n\n<!-- controls:start -->\n<!-- controls:end -->\n', []),
    );

    // Act
    const { current, expected } = checkReadme([ec2_7], readme);

    // Assert
    expect(current).toBe(false);
    expect(expected).toContain('| EC2.7 ');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders one row per control with every column, the title linked to its Security Hub page', () => {
    // Act
    const table = renderControlsTable([ec2_7]);

    // Assert
    expect(table.split('\n')).toEqual([
      expect.stringMatching(
        /^\| Control +\| What it checks +\| What it changes +\| Destructive\? \| Rollback\? +\|$/,
      ),
      expect.stringMatching(/^\| -+ \| -+ \| -+ \| -+ \| -+ \|$/),
      expect.stringMatching(
        /^\| EC2\.7 +\| \[EBS default encryption should be enabled\]\[EC2\.7\] \| Turns on EBS encryption .+ \| no +\| yes \(reversible\) \|$/,
      ),
    ]);
  });

  it('marks a control without rollback irreversible, in the table and in its IAM actions', () => {
    // Arrange
    const irreversible: DocumentedControl = {
      ...ec2_7,
      controlId: 'EC2.4',
      title: 'Stopped EC2 instances should be removed after a specified time period',
      destructive: true,
      reversible: false,
      iamActions: ['ec2:DescribeInstances', 'ec2:TerminateInstances'],
      rollback: undefined,
    };

    // Act
    const table = renderControlsTable([irreversible]);
    const actions = renderIamActions([irreversible]);

    // Assert
    expect(table.split('\n')[2]).toMatch(/^\| EC2\.4 +\| .+ \| yes +\| no \(irreversible\) \|$/);
    expect(actions).toBe(
      '- **EC2.4**: fix `ec2:DescribeInstances`, `ec2:TerminateInstances`; no rollback (irreversible).',
    );
  });

  it('lists the IAM actions of the fix and of the rollback under the table, one line per control', () => {
    // Act
    const actions = renderIamActions([ec2_7]);

    // Assert
    expect(actions).toBe(
      '- **EC2.7**: fix `ec2:GetEbsEncryptionByDefault`, `ec2:EnableEbsEncryptionByDefault`; ' +
        'rollback `ec2:DisableEbsEncryptionByDefault`.',
    );
  });

  it('defines the link of every title the table uses, in control id order', () => {
    // Arrange: EC2.12 after EC2.7 (numeric order), and a title with square brackets
    const bracketed: DocumentedControl = { ...ec2_7, controlId: 'EC2.12', title: 'Keys [old] should go' };

    // Act
    const section = renderControlsSection([bracketed, ec2_7]);

    // Assert
    const used = [...section.matchAll(/\]\[([^\]]+)\] +\|/g)].map((m) => m[1]);
    const defined = [...section.matchAll(/^\[([^\]]+)\]: (\S+)$/gm)].map((m) => [m[1], m[2]]);
    expect(used).toEqual(['EC2.7', 'EC2.12']);
    expect(defined).toEqual([
      ['EC2.7', `${USER_GUIDE}/ec2-controls.html#ec2-7`],
      ['EC2.12', `${USER_GUIDE}/ec2-controls.html#ec2-12`],
    ]);
    expect(section).toContain('[Keys \\[old\\] should go][EC2.12]');
    expect(renderControlLinks([])).toBe('');
    expect(renderControlsSection([])).toBe('_No controls are registered yet._');
  });
});

describe('Function: securityHubControlUrl', () => {
  // The Security Hub user guide has one page per service and one anchor per control, both lower case.
  it.each([
    ['EC2.2', 'ec2-controls.html#ec2-2'],
    ['S3.10', 's3-controls.html#s3-10'],
    ['RDS.17', 'rds-controls.html#rds-17'],
    ['ELB.5', 'elb-controls.html#elb-5'],
    ['ECR.3', 'ecr-controls.html#ecr-3'],
    ['ECS.12', 'ecs-controls.html#ecs-12'],
    ['IAM.8', 'iam-controls.html#iam-8'],
    ['KMS.4', 'kms-controls.html#kms-4'],
    ['DynamoDB.2', 'dynamodb-controls.html#dynamodb-2'],
  ])('links %s to %s', (controlId, page) => {
    expect(securityHubControlUrl(controlId)).toBe(`${USER_GUIDE}/${page}`);
  });

  it.each(['EC2', 'EC2.', 'ec2-2', 'EC2.2 ', 'CIS.1.4'])('refuses %j, naming it', (controlId) => {
    expect(() => securityHubControlUrl(controlId)).toThrow(`controlId "${controlId}"`);
  });
});
