/**
 * The `soar` command, in-process: usage errors, bad inputs, and the three commands — `simulate` over
 * the examples, `plan` and `remediate` against a moto server (a real S3 API), where `plan` must never
 * change anything and `remediate --apply` must leave the bucket compliant.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateBucketCommand,
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createAwsAccess } from '@soar/aws-access';
import { aControlFinding, startMotoServer, type MotoServer } from '@soar/testing';
import { main, type CliIo, type SoarCliApp } from '@soar/cli';
import { simulationTemplate, WORKSPACE_ROOT } from '../src/simulation';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The CLI over this app's stack, as `bin/soar.mjs` runs it. */
const app: SoarCliApp = { workspaceRoot: WORKSPACE_ROOT, template: (world) => simulationTemplate(world) };
const MEMBER = '111122223333';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stderrIsTty: false,
    stdoutIsTty: false,
    noColor: true,
    exitCode: 0,
  };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('CLI: soar', () => {
  it('explains itself with --help', async () => {
    const io = captureIo();

    const status = await main(['simulate', '--help'], io, app);

    expect(status).toBe(0);
    expect(io.out.join('')).toContain('Run findings through SOAR');
    expect(io.out.join('')).toContain('--endpoint-url <url>');
    expect(io.out.join('')).toContain('Exit status');
  });

  it('exits 2 on a usage error and names it', async () => {
    const io = captureIo();

    const status = await main(['simulate', 'x.json', '--bogus'], io, app);

    expect(status).toBe(2);
    expect(io.err.join('')).toContain("unknown option '--bogus'");
  });

  it('rejects a bad --endpoint-url before doing anything', async () => {
    const io = captureIo();

    const status = await main(['simulate', 'x.json', '--endpoint-url', 'not a url'], io, app);

    expect(status).toBe(2);
    expect(io.err.join('')).toContain('must be a URL');
  });

  it('says which world field is wrong', async () => {
    const io = captureIo();
    const world = path.join(dir, 'bad-world.yaml');
    fs.writeFileSync(
      world,
      'accounts:\n  - id: "12"\n    name: x\n    email: a@b.c\n    joined: 2024-01-01T00:00:00Z\n',
    );

    const status = await main(
      ['simulate', path.join(ROOT, 'examples', 'findings'), '--world', world],
      io,
      app,
    );

    expect(status).toBe(1);
    expect(io.err.join('')).toMatch(
      /bad-world\.yaml: invalid world:\n {2}accounts\.0\.id: must be a 12-digit AWS account id/,
    );
  });

  it('fails clearly when no file holds a finding', async () => {
    const io = captureIo();
    const file = writeJson('nothing.json', { hello: 'world' });

    const status = await main(['simulate', file], io, app);

    expect(status).toBe(1);
    expect(io.err.join('')).toContain('holds no finding');
    expect(io.err.join('')).toContain('no finding to simulate');
  });

  it('simulates the examples and writes the report', async () => {
    const io = captureIo();
    const report = path.join(dir, 'report');

    const status = await main(
      [
        'simulate',
        path.join(ROOT, 'examples', 'findings'),
        '--world',
        path.join(ROOT, 'examples', 'world.yaml'),
        '--report',
        report,
        '--no-progress',
      ],
      io,
      app,
    );

    const text = io.out.join('');
    expect(status).toBe(0);
    expect(text).toContain('SOAR simulation · 23 findings');
    for (const route of ['remediate', 'ticket', 'suppress', 'close_ticket', 'do_nothing', 'incident']) {
      expect(text).toContain(route);
    }
    expect(fs.readFileSync(path.join(report, 'index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('prints the whole simulation as JSON with --json', async () => {
    const io = captureIo();
    const file = writeJson('one.json', aControlFinding({ controlId: 'EC2.2', status: 'PASSED' }));

    const status = await main(['simulate', file, '--json'], io, app);

    const parsed = JSON.parse(io.out.join('')) as { findings: { decision: { route: string } }[] };
    expect(status).toBe(0);
    expect(parsed.findings[0]?.decision.route).toBe('do_nothing');
    expect(io.err.join('')).not.toContain('simulating');
  });
});

describe('CLI: soar plan and soar remediate against moto', () => {
  let moto: MotoServer;
  let s3: S3Client;
  beforeAll(async () => {
    moto = await startMotoServer();
    const access = createAwsAccess({
      endpoint: moto.endpoint,
      defaultRegion: 'eu-west-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      forcePathStyle: true,
    });
    s3 = new S3Client({
      ...access.clientConfig({ accountId: MEMBER, region: 'eu-west-1' }, { purpose: 'arrange' }),
      forcePathStyle: true,
    });
  }, 60_000);
  afterAll(() => moto.stop());

  async function publicBucket(name: string): Promise<string> {
    await s3.send(
      new CreateBucketCommand({
        Bucket: name,
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: false,
          BlockPublicPolicy: false,
          IgnorePublicAcls: false,
          RestrictPublicBuckets: false,
        },
      }),
    );
    return writeJson(
      `${name}.json`,
      aControlFinding({
        controlId: 'S3.8',
        accountId: MEMBER,
        resource: { Type: 'AwsS3Bucket', Id: `arn:aws:s3:::${name}`, Partition: 'aws', Region: 'eu-west-1' },
      }),
    );
  }

  const blocked = async (bucket: string) =>
    (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;

  it('plan runs the deployed intake and reports what it would fail on, with a non-zero status', async () => {
    // Arrange: SOAR's configuration names tables that do not exist in this account
    const file = await publicBucket('cli-plan-intake-bucket');
    const config = writeJson('soar-config.json', {
      tables: {
        tickets: 'missing-tickets',
        enabledControls: 'missing-enabled',
        controlSuppressions: 'missing-suppressions',
        remediableControls: 'missing-remediable',
        remediationExclusions: 'missing-exclusions',
        accounts: 'missing-accounts',
        failures: 'missing-failures',
        watermarks: 'missing-watermarks',
      },
      email: { from: 'soar@example.com' },
    });
    const io = captureIo();

    // Act
    const status = await main(
      ['plan', file, '--config', config, '--endpoint-url', moto.endpoint, '--region', 'eu-west-1'],
      io,
      app,
    );

    // Assert: intake in AWS would throw (and the event would be retried, then dead-lettered)
    expect(status).toBe(1);
    expect(io.out.join('')).toMatch(/intake would fail: GateDataError: Could not read the gate tables/);
    expect(io.out.join('')).not.toContain('would change');
  });

  it('plan reads the live bucket, shows the change, and changes nothing', async () => {
    const file = await publicBucket('cli-plan-bucket');
    const io = captureIo();

    const status = await main(['plan', file, '--endpoint-url', moto.endpoint], io, app);

    expect(status).toBe(0);
    expect(io.out.join('')).toContain('would change');
    expect(io.out.join('')).toContain('Blocked public access to the bucket cli-plan-bucket');
    expect(await blocked('cli-plan-bucket')).toMatchObject({
      BlockPublicAcls: false,
      RestrictPublicBuckets: false,
    });
  });

  it('remediate without --apply only plans', async () => {
    const file = await publicBucket('cli-dry-bucket');
    const io = captureIo();

    await main(['remediate', file, '--endpoint-url', moto.endpoint], io, app);

    expect(await blocked('cli-dry-bucket')).toMatchObject({ BlockPublicAcls: false });
  });

  it('remediate --apply fixes the bucket, verified through the real API', async () => {
    const file = await publicBucket('cli-apply-bucket');
    const io = captureIo();

    const status = await main(
      ['remediate', file, '--apply', '--endpoint-url', moto.endpoint, '--json'],
      io,
      app,
    );

    const [result] = JSON.parse(io.out.join('')) as { result: { kind: string } }[];
    expect(status).toBe(0);
    expect(result?.result.kind).toBe('remediated');
    expect(await blocked('cli-apply-bucket')).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('rollback undoes a fix from the record remediate saved, and a second rollback has nothing to undo', async () => {
    // Arrange: fix a public bucket and keep what undoes it
    const file = await publicBucket('cli-rollback-bucket');
    const records = path.join(dir, 'rollback.json');
    await main(
      ['remediate', file, '--apply', '--save-rollback', records, '--endpoint-url', moto.endpoint],
      captureIo(),
      app,
    );
    expect(await blocked('cli-rollback-bucket')).toMatchObject({ BlockPublicAcls: true });

    // Act
    const plan = captureIo();
    await main(['rollback', records, '--endpoint-url', moto.endpoint], plan, app);
    const afterPlan = await blocked('cli-rollback-bucket');
    const apply = captureIo();
    const status = await main(['rollback', records, '--apply', '--endpoint-url', moto.endpoint], apply, app);
    const again = captureIo();
    await main(['rollback', records, '--apply', '--endpoint-url', moto.endpoint, '--json'], again, app);

    // Assert
    expect(plan.out.join('')).toContain('would undo');
    expect(afterPlan).toMatchObject({ BlockPublicAcls: true }); // planning changed nothing
    expect(status).toBe(0);
    expect(await blocked('cli-rollback-bucket')).toEqual({
      BlockPublicAcls: false,
      BlockPublicPolicy: false,
      IgnorePublicAcls: false,
      RestrictPublicBuckets: false,
    });
    expect(JSON.parse(again.out.join(''))).toEqual([expect.objectContaining({ kind: 'already_as_before' })]);
  });

  it('refuses a file that is not rollback records, naming the field', async () => {
    const io = captureIo();
    const file = writeJson('not-records.json', [{ controlId: 'S3.8' }]);

    const status = await main(['rollback', file], io, app);

    expect(status).toBe(1);
    expect(io.err.join('')).toMatch(/not-records\.json#1: not a rollback record/);
  });

  it('simulate --endpoint-url runs the remediation for real inside the workflow', async () => {
    const file = await publicBucket('cli-simulate-bucket');
    const world = path.join(dir, 'world.yaml');
    fs.writeFileSync(
      world,
      `accounts:\n  - id: "${MEMBER}"\n    name: member\n    email: aws+member@example.com\n    joined: 2023-01-01T00:00:00Z\n    tags: { soar:team:email: team@example.com }\n`,
    );
    const io = captureIo();

    const status = await main(
      ['simulate', file, '--world', world, '--endpoint-url', moto.endpoint, '--json'],
      io,
      app,
    );

    const report = JSON.parse(io.out.join('')) as {
      mode: string;
      findings: { remediation?: { kind: string; simulated: boolean } }[];
    };
    expect(status).toBe(0);
    expect(report.mode).toBe('endpoint');
    expect(report.findings[0]?.remediation).toMatchObject({ kind: 'remediated', simulated: false });
    expect(await blocked('cli-simulate-bucket')).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});
