import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fields of a package.json the release checks read. */
export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
}

/** A project `nx release` versions and publishes. */
export interface ReleaseProject {
  /** Nx project name, which is the package name, e.g. `@soar/asff-schema`. */
  readonly name: string;
  /** Project root relative to the workspace, e.g. `packages/asff-schema`. */
  readonly root: string;
  readonly manifest: PackageManifest;
}

interface NxReleaseConfig {
  readonly projects?: string | readonly string[];
  readonly groups?: Readonly<Record<string, { readonly projects: string | readonly string[] }>>;
}

const asList = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** The project patterns of `release.projects` (and of every `release.groups`) in nx.json. */
export function releasePatterns(workspaceRoot: string): string[] {
  const nxJson = JSON.parse(readFileSync(join(workspaceRoot, 'nx.json'), 'utf8')) as {
    release?: NxReleaseConfig;
  };
  const release = nxJson.release ?? {};
  const patterns = [
    ...asList(release.projects),
    ...Object.values(release.groups ?? {}).flatMap((group) => asList(group.projects)),
  ];
  if (patterns.length === 0) throw new Error('nx.json has no release.projects or release.groups');
  return patterns;
}

/**
 * The environment for an nx command started from a test: without the `NX_*` variables that the Nx
 * task running the test sets for its own task (its workspace root, task hash, terminal output file,
 * ...), which would leak into the inner command; no daemon, no cloud, no TUI.
 */
export function nxEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('NX_')) env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...extra };
}

/** Runs the workspace's nx with {@link nxEnv}; returns its stdout. */
export function nx(
  workspaceRoot: string,
  args: readonly string[],
  extraEnv?: Record<string, string>,
): string {
  return execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), args, {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: nxEnv(extraEnv),
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Every project that `nx release` publishes, resolved by Nx itself from nx.json's `release.projects`
 * (names, globs, directories or `tag:` patterns), with its root and package.json.
 */
export function releaseProjects(workspaceRoot: string): ReleaseProject[] {
  const names = JSON.parse(
    nx(workspaceRoot, ['show', 'projects', '--json', '--projects', releasePatterns(workspaceRoot).join(',')]),
  ) as string[];
  const dir = mkdtempSync(join(tmpdir(), 'soar-graph-'));
  try {
    const file = join(dir, 'graph.json');
    nx(workspaceRoot, ['graph', `--file=${file}`]);
    const graph = JSON.parse(readFileSync(file, 'utf8')) as {
      graph: { nodes: Record<string, { data: { root: string } }> };
    };
    return names.sort().map((name) => {
      const root = graph.graph.nodes[name]?.data.root;
      if (root === undefined) throw new Error(`project ${name} is not in the project graph`);
      const manifest = JSON.parse(
        readFileSync(join(workspaceRoot, root, 'package.json'), 'utf8'),
      ) as PackageManifest;
      return { name, root, manifest };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
