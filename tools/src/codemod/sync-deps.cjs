#!/usr/bin/env node
// Sets each workspace project's `dependencies` and `devDependencies` from what its files import:
// source files (not specs, not tests/) give dependencies, the rest devDependencies. Versions: the
// project's own, else the root package.json's, else `*` for workspace packages.
//
//   node tools/src/codemod/sync-deps.cjs [--check]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const check = process.argv.includes('--check');
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const rootVersions = { ...rootPkg.devDependencies, ...rootPkg.dependencies };
const workspace = new Map();
for (const group of ['packages', 'apps']) {
  for (const name of fs.readdirSync(path.join(ROOT, group))) {
    const file = path.join(ROOT, group, name, 'package.json');
    if (fs.existsSync(file))
      workspace.set(JSON.parse(fs.readFileSync(file, 'utf8')).name, path.dirname(file));
  }
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'out-tsc', 'cdk.out', 'tmp', '.cache'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|mts|cts)$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const packageOf = (spec) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

let drift = 0;
for (const [name, dir] of workspace) {
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const runtime = new Set();
  const dev = new Set();
  for (const file of walk(dir, [])) {
    const test =
      file.endsWith('.spec.ts') ||
      file.includes(`${path.sep}tests${path.sep}`) ||
      file.includes(`${path.sep}scripts${path.sep}`) ||
      file.includes(`${path.sep}bin${path.sep}`);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      let spec;
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      )
        spec = node.moduleSpecifier.text;
      if (
        ts.isCallExpression(node) &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0]) &&
        ['import', 'require', 'jest.mock', 'jest.requireActual'].includes(node.expression.getText())
      )
        spec = node.arguments[0].text;
      if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      )
        spec = node.argument.literal.text;
      // `aws-lambda` is types only: `@types/aws-lambda`, a root dev dependency.
      if (
        spec &&
        spec !== 'aws-lambda' &&
        !spec.startsWith('.') &&
        !spec.startsWith('node:') &&
        !builtinModules.includes(spec.split('/')[0])
      ) {
        const p = packageOf(spec);
        if (p !== name) (test ? dev : runtime).add(p);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const version = (p, section) =>
    pkg[section]?.[p] ??
    pkg.dependencies?.[p] ??
    pkg.devDependencies?.[p] ??
    pkg.peerDependencies?.[p] ??
    (workspace.has(p) ? '*' : rootVersions[p]);
  const peers = new Set(Object.keys(pkg.peerDependencies ?? {}));
  const deps = Object.fromEntries(
    [...runtime]
      .filter((p) => !peers.has(p))
      .sort()
      .map((p) => [p, version(p, 'dependencies')]),
  );
  const devDeps = Object.fromEntries(
    [...dev]
      .filter((p) => (!runtime.has(p) && !workspace.has(p) ? false : !runtime.has(p)))
      .sort()
      .map((p) => [p, version(p, 'devDependencies')]),
  );
  for (const [p, v] of Object.entries({ ...deps, ...devDeps }))
    if (v === undefined) console.log(`${name}: no version known for ${p}`);
  const before = JSON.stringify([pkg.dependencies ?? {}, pkg.devDependencies ?? {}]);
  const after = JSON.stringify([deps, devDeps]);
  if (before === after) continue;
  drift += 1;
  console.log(`${name}: ${check ? 'out of date' : 'updated'}`);
  if (!check) {
    const next = {};
    for (const [k, v] of Object.entries(pkg)) {
      if (k === 'devDependencies') continue;
      next[k] = k === 'dependencies' ? deps : v;
    }
    if (!('dependencies' in next)) next.dependencies = deps;
    if (Object.keys(devDeps).length > 0) next.devDependencies = devDeps;
    fs.writeFileSync(pkgFile, JSON.stringify(next, null, 2) + '\n');
  }
}
if (check && drift > 0) process.exit(1);
