import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { CarriedScratchpadSchema } from './carried';
import { createScratchpad } from './create';
import { ScratchpadSchema } from './scratchpad';

describe('CarriedScratchpadSchema', () => {
  it.each([
    ['a control finding', aControlFinding({ controlId: 'EC2.2', accountId: '111122223333' })],
    ['a GuardDuty finding', aGuardDutyFinding()],
  ])('reads %s as intake handed it on exactly as the full schema does', (_name, finding) => {
    // What intake writes into the state: the scratchpad after the full check, through JSON.
    const handedOn: unknown = JSON.parse(JSON.stringify(createScratchpad(finding)));

    expect(CarriedScratchpadSchema.parse(handedOn)).toEqual(ScratchpadSchema.parse(handedOn));
  });

  it('keeps every part of the finding it does not check', () => {
    const pad = createScratchpad(aGuardDutyFinding());
    const carried = CarriedScratchpadSchema.parse(JSON.parse(JSON.stringify(pad)));

    expect(carried.finding.Resources[0]?.Details).toEqual(pad.finding.Resources[0]?.Details);
    expect(carried.finding.ProductFields).toEqual(pad.finding.ProductFields);
  });

  it.each([
    ['Id', (f: Record<string, unknown>) => delete f['Id'], /finding\.Id/],
    ['AwsAccountId', (f: Record<string, unknown>) => (f['AwsAccountId'] = '1234'), /finding\.AwsAccountId/],
    ['Resources', (f: Record<string, unknown>) => (f['Resources'] = []), /finding\.Resources/],
    [
      'a resource Id',
      (f: Record<string, unknown>) => (f['Resources'] = [{ Type: 'AwsEc2Instance' }]),
      /finding\.Resources\.0\.Id/,
    ],
    [
      'Severity',
      (f: Record<string, unknown>) => (f['Severity'] = { Label: 'URGENT' }),
      /finding\.Severity\.Label/,
    ],
  ])('refuses a finding with a bad %s, naming the field', (_field, spoil, path) => {
    const pad = JSON.parse(JSON.stringify(createScratchpad(aControlFinding({ controlId: 'S3.2' })))) as {
      finding: Record<string, unknown>;
    };
    spoil(pad.finding);

    const result = CarriedScratchpadSchema.safeParse(pad);

    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).join(' ');
    expect(paths).toMatch(path);
  });
});
