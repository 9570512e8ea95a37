/**
 * Publishing, end to end: every project of nx.json's `release.projects` (resolved by Nx, never a list
 * kept here) is built, published to a local verdaccio registry with `nx release publish` (the README's
 * command), installed with zod into a new project outside the workspace, and used through its public
 * API: a TypeScript file and the examples of packages/remediations/README.md type-check under `strict`
 * against the published declarations, and run.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fencedBlocks } from '../src/markdown';
import { nx, releaseProjects, type ReleaseProject } from '../src/release-projects';
import { startVerdaccio, type LocalRegistry } from '../src/verdaccio';

const run = promisify(execFile);
const workspaceRoot = join(__dirname, '..', '..');
const tsc = join(workspaceRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const remediationsReadme = join(workspaceRoot, 'packages', 'remediations', 'README.md');
const ec2Finding = join(workspaceRoot, 'examples', 'findings', '01-ec2-13-ssh-open-to-the-world.json');

/** Runs npm with its own user config, so the developer's ~/.npmrc plays no part. */
async function npm(args: string[], cwd: string, userconfig: string): Promise<string> {
  const { stdout } = await run('npm', [...args, '--userconfig', userconfig], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Whether any declaration file under `dir` imports zod. */
function declarationsImportZod(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.d.ts'))
    .some((file) => /from ['"]zod['"]|import\(['"]zod['"]\)/.test(readFileSync(join(dir, file), 'utf8')));
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
import { CONTROLS, defaultRegistry } from '@soar/remediations';
import { simulateRemediation } from '@soar/remediations/simulation';
import * as z from 'zod';

const event = JSON.parse(process.argv[2] ?? '{}') as unknown;
const parsed = parseFindingsEvent(event);
const finding: AwsSecurityFinding | undefined = parsed.detail.findings[0];
if (!finding) throw new Error('no finding');
const pad: Scratchpad = createScratchpad(finding);
const bad = safeParseFindingsEvent({ detail: {} });
const simulated = simulateRemediation(pad, { registry: defaultRegistry });
console.log(
  JSON.stringify({
    controlId: getControlId(finding),
    account: getAccountId(finding),
    outcome: remediationOutcome(pad.actions),
    badEventRejected: !bad.success,
    role: roleArn('aws', '111122223333', 'AWSControlTowerExecution'),
    policy: JSON.parse(buildSessionPolicy(['ec2:DescribeSecurityGroups'])) as unknown,
    controls: CONTROLS.length,
    simulated: simulated.result.kind,
    zodIsShared: z.array(z.string()).safeParse(['a']).success,
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
  let projects: ReleaseProject[];
  let registry: LocalRegistry;
  let dir: string;

  beforeAll(async () => {
    projects = releaseProjects(workspaceRoot);
    // Under `nx test` the builds are cache hits (tools' test target depends on every package's build).
    nx(workspaceRoot, [
      'run-many',
      '-t',
      'build',
      '--projects',
      projects.map((p) => p.name).join(','),
      '--outputStyle=static',
    ]);
    for (const { root } of projects) {
      if (!existsSync(join(workspaceRoot, root, 'dist', 'index.js'))) {
        throw new Error(`${root}/dist/index.js is missing after "nx run-many -t build"`);
      }
    }
    registry = await startVerdaccio();
    dir = mkdtempSync(join(tmpdir(), 'soar-publish-'));
  }, 300_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publishes at least the four packages the README names', () => {
    expect(projects.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        '@soar/asff-schema',
        '@soar/scratchpad',
        '@soar/aws-access',
        '@soar/remediations',
      ]),
    );
    for (const { manifest } of projects) expect(manifest.private).not.toBe(true);
  });

  it('every @soar/* dependency of a published package is itself published', () => {
    const published = new Set(projects.map((p) => p.name));
    const unpublished = projects.flatMap(({ name, manifest }) =>
      Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
        .filter((dep) => dep.startsWith('@soar/') && !published.has(dep))
        .map((dep) => `${name} depends on ${dep}, which is not in nx.json release.projects`),
    );
    expect(unpublished).toEqual([]);
  });

  it('zod is a peer dependency, never a dependency, of each package whose declarations import zod', () => {
    const problems = projects.flatMap(({ name, root, manifest }) => {
      const exposesZod = declarationsImportZod(join(workspaceRoot, root, 'dist'));
      return [
        ...(exposesZod && manifest.peerDependencies?.['zod'] === undefined
          ? [`${name}: its types import zod, but zod is not a peerDependency`]
          : []),
        ...(manifest.dependencies?.['zod'] !== undefined
          ? [`${name}: zod is a dependency; make it a peerDependency`]
          : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('publishes with nx release publish, installs into a new project, and type-checks and runs it', async () => {
    // Arrange: publish every release project, as the README says
    const npmrc = join(dir, 'publish.npmrc');
    registry.writeNpmrc(npmrc);
    nx(workspaceRoot, ['release', 'publish', `--registry=${registry.url}`], { npm_config_userconfig: npmrc });
    for (const { name, manifest } of projects) {
      const versions = JSON.parse(
        await npm(['view', name, 'versions', '--json', '--registry', registry.url], dir, npmrc),
      ) as string | string[];
      expect({ name, versions: [versions].flat() }).toEqual({ name, versions: [manifest.version] });
    }

    // Act: install into a consumer project that knows nothing of the workspace; zod is the consumer's own
    const consumer = join(dir, 'consumer');
    mkdirSync(consumer);
    const consumerNpmrc = join(consumer, '.npmrc');
    registry.writeNpmrc(consumerNpmrc);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        dependencies: {
          ...Object.fromEntries(projects.map((p) => [p.name, p.manifest.version])),
          zod: rootManifest.devDependencies['zod'],
        },
      }),
    );
    await npm(
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      consumer,
      consumerNpmrc,
    );
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ ...tsconfig, files: ['index.ts'] }));
    writeFileSync(join(consumer, 'index.ts'), consumerSource);
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer }).catch(
      (error: { stdout?: string }) => {
        throw new Error(
          `The consumer does not compile against the published packages:\n${error.stdout ?? ''}`,
          {
            cause: error,
          },
        );
      },
    );
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
      controls: expect.any(Number),
      simulated: expect.any(String),
      zodIsShared: true,
    });
    for (const { name, root, manifest } of projects) {
      const installed = join(consumer, 'node_modules', ...name.split('/'));
      const installedManifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect({ name, version: installedManifest.version }).toEqual({ name, version: manifest.version });
      expect({ name, dist: existsSync(join(installed, 'dist', 'index.js')) }).toEqual({ name, dist: true });
      expect({ name, src: existsSync(join(installed, 'src')) }).toEqual({ name, src: false });
      // zod is a peer: one copy, the consumer's, not one per package.
      expect({ name, ownZod: existsSync(join(installed, 'node_modules', 'zod')) }).toEqual({
        name,
        ownZod: false,
      });
      expect(existsSync(join(workspaceRoot, root))).toBe(true);
    }

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

    // The README examples of @soar/remediations, exactly as written there: each ```ts block is an ES
    // module that must type-check under strict against the published packages.
    const examples = fencedBlocks(readFileSync(remediationsReadme, 'utf8'), ['ts', 'typescript']);
    expect(examples.length).toBeGreaterThan(0);
    const files = examples.map((source, i) => {
      const file = `readme-example-${i + 1}.mts`;
      writeFileSync(join(consumer, file), source);
      return file;
    });
    writeFileSync(join(consumer, 'tsconfig.readme.json'), JSON.stringify({ ...tsconfig, files }));
    await run(process.execPath, [tsc, '-p', 'tsconfig.readme.json'], { cwd: consumer }).catch(
      (error: { stdout?: string }) => {
        throw new Error(
          `The examples of packages/remediations/README.md do not compile:\n${error.stdout ?? ''}`,
          { cause: error },
        );
      },
    );

    // Those that need no AWS account (no @soar/aws-access) run, on an EC2.13 finding.
    const offline = files.filter((_, i) => !examples[i]?.includes('@soar/aws-access'));
    expect(offline.length).toBeGreaterThan(0);
    for (const file of offline) {
      const { stdout: out } = await run(
        process.execPath,
        [join(consumer, 'dist', file.replace(/\.mts$/, '.mjs')), ec2Finding],
        { cwd: consumer },
      );
      expect(out).toContain('Planned (simulation, nothing was changed)');
    }
  }, 600_000);
});
