import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startVerdaccio, type LocalRegistry } from '../src/verdaccio';

const run = promisify(execFile);
const workspaceRoot = join(__dirname, '..', '..');
const published = ['common', 'asff-schema', 'scratchpad', 'aws-access'] as const;
const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');

function version(pkg: string): string {
  return (
    JSON.parse(readFileSync(join(workspaceRoot, 'packages', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** Runs npm with its own user config, so the developer's ~/.npmrc plays no part. */
async function npm(args: string[], cwd: string, userconfig: string): Promise<string> {
  const { stdout } = await run('npm', [...args, '--userconfig', userconfig], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

// The consumer uses each package through its public API only, as a user's project would.
const consumerSource = `
import {
  getAccountId,
  getControlId,
  parseFindingsEvent,
  safeParseFindingsEvent,
  type AwsSecurityFinding,
} from '@soar/asff-schema';
import { createScratchpad, remediationOutcome, type Scratchpad } from '@soar/scratchpad';
import { buildSessionPolicy, roleArn } from '@soar/aws-access';

const event = JSON.parse(process.argv[2] ?? '{}') as unknown;
const parsed = parseFindingsEvent(event);
const finding: AwsSecurityFinding | undefined = parsed.detail.findings[0];
if (!finding) throw new Error('no finding');
const pad: Scratchpad = createScratchpad(finding);
const bad = safeParseFindingsEvent({ detail: {} });
console.log(
  JSON.stringify({
    controlId: getControlId(finding),
    account: getAccountId(finding),
    outcome: remediationOutcome(pad.actions),
    badEventRejected: !bad.success,
    role: roleArn('aws', '111122223333', 'AWSControlTowerExecution'),
    policy: JSON.parse(buildSessionPolicy(['ec2:DescribeSecurityGroups'])) as unknown,
  }),
);
`;

// Must NOT type-check: proves the published declarations carry real types.
const wrongSource = `
import { getControlId, type AwsSecurityFinding } from '@soar/asff-schema';
declare const finding: AwsSecurityFinding;
const id: number = getControlId(finding);
export { id };
`;

const tsconfig = {
  compilerOptions: {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    outDir: 'dist',
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(workspaceRoot, 'node_modules', '@types')],
  },
};

describe('Publishing: verdaccio round trip', () => {
  let registry: LocalRegistry;
  let dir: string;

  beforeAll(async () => {
    for (const pkg of published) {
      if (!existsSync(join(workspaceRoot, 'packages', pkg, 'dist', 'index.js'))) {
        throw new Error(
          `packages/${pkg}/dist is missing: run "npx nx run-many -t build" first (nx test does).`,
        );
      }
    }
    registry = await startVerdaccio();
    dir = mkdtempSync(join(tmpdir(), 'soar-publish-'));
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the libraries, installs them into a new project, and type-checks and runs it', async () => {
    // Arrange: publish
    const npmrc = join(dir, 'publish.npmrc');
    registry.writeNpmrc(npmrc);
    for (const pkg of published) {
      const out = await npm(
        ['publish', '--registry', registry.url, '--access', 'public'],
        join(workspaceRoot, 'packages', pkg),
        npmrc,
      );
      expect(out).toContain(`@soar/${pkg}@${version(pkg)}`);
    }

    // Act: install into a consumer project that knows nothing of the workspace
    const consumer = join(dir, 'consumer');
    mkdirSync(consumer);
    const consumerNpmrc = join(consumer, '.npmrc');
    registry.writeNpmrc(consumerNpmrc);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        dependencies: Object.fromEntries(published.map((pkg) => [`@soar/${pkg}`, version(pkg)])),
      }),
    );
    await npm(
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      consumer,
      consumerNpmrc,
    );
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ ...tsconfig, files: ['index.ts'] }));
    writeFileSync(join(consumer, 'index.ts'), consumerSource);
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer });
    const event = readFileSync(
      join(workspaceRoot, 'packages/asff-schema/tests/events/aws.securityhub/imported-control-ec2-2.json'),
      'utf8',
    );
    const { stdout } = await run(process.execPath, [join(consumer, 'dist', 'index.js'), event], {
      cwd: consumer,
    });

    // Assert
    expect(JSON.parse(stdout)).toEqual({
      controlId: 'EC2.2',
      account: '111122223333',
      outcome: 'success',
      badEventRejected: true,
      role: 'arn:aws:iam::111122223333:role/AWSControlTowerExecution',
      policy: {
        Version: '2012-10-17',
        Statement: [expect.objectContaining({ Effect: 'Allow', Action: ['ec2:DescribeSecurityGroups'] })],
      },
    });
    const installed = JSON.parse(
      readFileSync(join(consumer, 'node_modules', '@soar', 'scratchpad', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(installed.version).toBe(version('scratchpad'));
    expect(existsSync(join(consumer, 'node_modules', '@soar', 'scratchpad', 'src'))).toBe(false);

    // The published declarations are real types, not `any`.
    writeFileSync(join(consumer, 'wrong.ts'), wrongSource);
    writeFileSync(
      join(consumer, 'tsconfig.wrong.json'),
      JSON.stringify({ ...tsconfig, files: ['wrong.ts'] }),
    );
    await expect(
      run(process.execPath, [tsc, '-p', 'tsconfig.wrong.json', '--noEmit'], { cwd: consumer }),
    ).rejects.toMatchObject({
      stdout: expect.stringContaining(
        "error TS2322: Type 'string | undefined' is not assignable to type 'number'",
      ),
    });
  }, 240_000);
});
