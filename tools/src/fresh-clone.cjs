// A fresh git clone of the workspace with its node_modules borrowed by symlinks (seconds instead of an
// `npm ci`). Used by the release-command test and the affected benchmark; plain CommonJS so both the
// Jest specs and the .mjs bench scripts can load it.
//
// The clone gets a real `node_modules` directory whose entries link to the workspace's, except the
// links of workspace packages (`node_modules/@soar/x -> ../../packages/x`), which are recreated as the
// same relative links, so `@soar/*` resolves to the clone's own packages, as after an `npm ci` there.
// (Linking the whole directory would make `@soar/*` resolve into the workspace, and `nx sync:check`
// then sees stale project references.) Nested `node_modules` of workspace packages are linked too.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** @param {string[]} args @param {string} cwd */
function git(args, cwd) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * @param {string} from a node_modules directory of the workspace
 * @param {string} to the same directory in the clone (created)
 * @param {(target: string) => void} onWorkspaceLink called with each workspace package link's target
 */
function linkModules(from, to, onWorkspaceLink) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) {
      const link = fs.readlinkSync(source);
      const resolved = path.resolve(from, link);
      // A workspace package: keep the relative link, so it points into the clone.
      if (!path.isAbsolute(link) && !resolved.includes(`${path.sep}node_modules${path.sep}`)) {
        fs.symlinkSync(link, target);
        onWorkspaceLink(resolved);
      } else {
        fs.symlinkSync(resolved, target);
      }
    } else if (entry.isDirectory() && entry.name.startsWith('@')) {
      linkModules(source, target, onWorkspaceLink);
    } else {
      fs.symlinkSync(source, target);
    }
  }
}

/**
 * Clones the workspace's committed HEAD into `dir` (which must not exist), on a branch named `branch`,
 * and links node_modules from the workspace. Uncommitted changes are not in the clone.
 *
 * @param {string} workspaceRoot
 * @param {string} dir
 * @param {{ branch?: string }} [options]
 * @returns {{ dir: string, head: string }}
 */
function freshClone(workspaceRoot, dir, options = {}) {
  const head = git(['rev-parse', 'HEAD'], workspaceRoot);
  git(['clone', '--quiet', '--no-checkout', workspaceRoot, dir], path.dirname(dir));
  git(['checkout', '--quiet', '-B', options.branch ?? 'main', head], dir);
  git(['config', 'user.name', 'SOAR test'], dir);
  git(['config', 'user.email', 'soar-test@example.invalid'], dir);
  // The links are not the clone's own files: keep them out of `git status` and of release commits.
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), '\nnode_modules\n');

  const workspaceDirs = new Set();
  linkModules(path.join(workspaceRoot, 'node_modules'), path.join(dir, 'node_modules'), (target) =>
    workspaceDirs.add(target),
  );
  for (const pkg of workspaceDirs) {
    const nested = path.join(pkg, 'node_modules');
    const relative = path.relative(workspaceRoot, pkg);
    if (fs.existsSync(nested) && fs.existsSync(path.join(dir, relative))) {
      fs.symlinkSync(nested, path.join(dir, relative, 'node_modules'));
    }
  }
  return { dir, head };
}

module.exports = { freshClone };
