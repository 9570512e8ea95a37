/**
 * The release commands of the README work as written, in a fresh clone with no release tags: the
 * first release's commands of "Publishing" (in order; `--dry-run` added to those that publish, a local
 * registry as `<url>`), then the other `npx nx release ... --dry-run` commands that the README names
 * (later releases, the "Working in the repo" table). Each must succeed and name every publishable
 * project.
 *
 * The clone borrows the workspace's node_modules (tools/src/fresh-clone.cjs) and is a clone of the
 * committed HEAD: uncommitted changes to README.md or nx.json are not in it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freshClone } from '../src/fresh-clone.cjs';
import { fencedBlocks, inlineCommands, markdownSection, shellCommands } from '../src/markdown';
import { nxEnv, releaseProjects, type ReleaseProject } from '../src/release-projects';
import { startVerdaccio, type LocalRegistry } from '../src/verdaccio';

const run = promisify(execFile);
const workspaceRoot = join(__dirname, '..', '..');
const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');

/** Lines of the Publishing block that the test does not run, and why. */
const notRun: Record<string, string> = {
  'npx nx run-many -t build': 'publish-roundtrip.spec.ts builds and publishes for real',
  'git push --follow-tags': 'never push from a test',
};

/** The commands to run, in order, as the README writes them. */
function documentedCommands(): { firstRelease: string[]; dryRuns: string[] } {
  const publishing = markdownSection(readme, 'Publishing');
  const blocks = fencedBlocks(publishing, ['bash', 'sh']);
  const firstRelease = blocks.flatMap(shellCommands);
  const table = readme.split('\n').filter((line) => line.startsWith('| Version and changelogs'));
  const dryRuns = [
    ...inlineCommands(table.join('\n'), 'npx nx release'),
    ...inlineCommands(publishing, 'npx nx release'),
  ]
    .filter((command) => command.includes('--dry-run'))
    .filter((command, i, all) => all.indexOf(command) === i && !firstRelease.includes(command));
  return { firstRelease, dryRuns };
}

describe('Release: the documented nx release commands in a fresh clone', () => {
  let dir: string;
  let clone: string;
  let registry: LocalRegistry;
  let npmrc: string;
  let projects: ReleaseProject[];

  beforeAll(async () => {
    projects = releaseProjects(workspaceRoot);
    dir = mkdtempSync(join(tmpdir(), 'soar-release-'));
    clone = freshClone(workspaceRoot, join(dir, 'clone')).dir;
    registry = await startVerdaccio();
    npmrc = join(dir, 'user.npmrc');
    registry.writeNpmrc(npmrc);
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function sh(command: string): Promise<string> {
    try {
      const { stdout, stderr } = await run('bash', ['-c', command], {
        cwd: clone,
        env: nxEnv({ CI: 'true', npm_config_userconfig: npmrc, npm_config_update_notifier: 'false' }),
        maxBuffer: 64 * 1024 * 1024,
      });
      return `${stdout}\n${stderr}`;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`"${command}" failed in the fresh clone:\n${stdout ?? ''}\n${stderr ?? ''}`, {
        cause: error,
      });
    }
  }

  it('documents the first release with --first-release and a dry run of it', () => {
    const { firstRelease, dryRuns } = documentedCommands();
    expect(firstRelease).toContain('npx nx release --first-release --dry-run');
    expect(firstRelease.some((c) => c.startsWith('npx nx release publish --registry=<url>'))).toBe(true);
    expect(dryRuns.length).toBeGreaterThan(0);
    for (const command of firstRelease) {
      if (!command.startsWith('npx nx release')) expect(Object.keys(notRun)).toContain(command);
    }
  });

  it('runs every documented release command and each names every publishable project', async () => {
    const { firstRelease, dryRuns } = documentedCommands();
    const names = projects.map((p) => p.name);
    expect(names.length).toBeGreaterThan(0);
    const ran: string[] = [];

    for (const documented of [...firstRelease, ...dryRuns]) {
      if (!documented.startsWith('npx nx release')) continue;
      let command = documented.replaceAll('<url>', registry.url);
      // Only `nx release publish` publishes (`--skip-publish` does not); this test never publishes.
      if (command.startsWith('npx nx release publish') && !command.includes('--dry-run'))
        command += ' --dry-run';
      const output = await sh(command);
      ran.push(command);
      expect({ command, missing: names.filter((name) => !output.includes(name)) }).toEqual({
        command,
        missing: [],
      });
    }

    // The first release without --dry-run made the release commit and one tag per project, locally.
    const { stdout: tags } = await run('git', ['tag', '--list'], { cwd: clone });
    expect(tags.trim().split('\n').sort()).toEqual(
      projects.map((p) => expect.stringMatching(new RegExp(`^${p.name}@\\d+\\.\\d+\\.\\d+`))),
    );
    expect(ran.length).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
