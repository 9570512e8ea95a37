import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ec2_7 } from '../src/controls/ec2/ec2-7';
import { checkReadme, renderControlsTable, withControlsTable } from '../scripts/generate-docs';

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

  it('renders one row per control with every column', () => {
    // Act
    const table = renderControlsTable([ec2_7]);

    // Assert
    expect(table.split('\n')).toEqual([
      expect.stringMatching(
        /^\| Control +\| What it checks +\| What it changes +\| Destructive\? \| IAM actions +\| Rollback\? +\|$/,
      ),
      expect.stringMatching(/^\| -+ \| -+ \| -+ \| -+ \| -+ \| -+ \|$/),
      expect.stringMatching(
        /^\| EC2\.7 +\| EBS default encryption should be enabled \| Turns on EBS encryption .+ \| no +\| `ec2:GetEbsEncryptionByDefault`, `ec2:EnableEbsEncryptionByDefault` \| yes: `ec2:DisableEbsEncryptionByDefault` \|$/,
      ),
    ]);
  });
});
