/**
 * Every control SOAR has, planned by `soar simulate` from a world that seeds its resource's live
 * state (`examples/remediations/`: each control's test scenario arranged on moto and read by the
 * control's own `read`, see `packages/remediations/tests/capture-world.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { CONTROLS } from '@soar/remediations';
import { loadWorldFile } from '@soar/simulation';
import { run } from './workflow-support';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples', 'remediations');

describe('Simulation: every control planned from the live state the world gives', () => {
  const world = loadWorldFile(path.join(EXAMPLES, 'world.yaml'));
  const findings = fs
    .readdirSync(path.join(EXAMPLES, 'findings'))
    .sort()
    .map(
      (file) =>
        JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'findings', file), 'utf8')) as AwsSecurityFinding,
    );

  it('has a finding and a resource state for every registered control', () => {
    const controls = CONTROLS.map((control) => control.controlId).sort();

    expect(findings.map((finding) => finding.Compliance?.SecurityControlId).sort()).toEqual(controls);
    expect(world.resources.map((resource) => resource.controlId).sort()).toEqual(controls);
  });

  it('plans a fix for each one, saying what would change', async () => {
    const results = await run(findings, { world });

    const planned = results.map((result) => ({
      controlId: result.controlId,
      route: result.decision?.route,
      remediation: result.remediation?.kind,
    }));
    for (const line of planned) {
      expect(line).toEqual({
        controlId: line.controlId,
        route: 'remediate',
        remediation: 'remediated',
      });
    }
    // A fix planned from the world's state says what it would change (the clock is the world's:
    // late enough for the controls with a grace period or an age to reach).
    for (const result of results) expect(result.remediation?.changes.length).toBeGreaterThan(0);
  }, 120_000);
});
