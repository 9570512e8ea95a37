#!/usr/bin/env node
// Rewrites the import specifiers of every TypeScript file after files moved between packages.
//
//   node tools/src/codemod/rewrite-imports.cjs <moves.txt> [--dry-run]
//
// moves.txt: one "old-path new-path" pair per line (repository-relative files), the moves already
// made with `git mv`. For each import or re-export:
// - a relative specifier is resolved where the file is now, else where it was; a target in the same
//   package stays relative (recomputed), a target in another package becomes that package's entry
//   point that exports the name (its root first, then its subpath exports);
// - a `@soar/...` specifier keeps the names its entry still exports; every other name is looked up
//   in every package's entry points (in the importer's own package: a relative import of the file
//   that defines it).
// Names that cannot be found are reported and left as they were.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const rel = (p) => path.relative(ROOT, p);
const abs = (p) => path.resolve(ROOT, p);

const [movesFile, ...flags] = process.argv
  .slice(2)
  .filter((arg, index, all) => arg !== '' && !(index > 0 && all[index - 1] === '--skip' && false));
const dryRun = flags.includes('--dry-run');
const moved = new Map(); // old abs -> new abs
const previously = new Map(); // new abs -> old abs
if (movesFile) {
  for (const line of fs.readFileSync(movesFile, 'utf8').split('\n')) {
    const [from, to] = line.trim().split(/\s+/);
    if (!from || !to) continue;
    moved.set(abs(from), abs(to));
    previously.set(abs(to), abs(from));
  }
}

// --- projects and their entry points -------------------------------------------------------------
const projects = [];
for (const group of ['packages', 'apps']) {
  for (const name of fs.readdirSync(abs(group))) {
    const dir = abs(path.join(group, name));
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    const entries = [];
    for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
      const source = typeof target === 'object' && target !== null ? target['@soar/source'] : undefined;
      if (!source) continue;
      entries.push({
        specifier: sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`,
        file: path.join(dir, source),
        root: sub === '.',
      });
    }
    projects.push({ name: pkg.name, dir, entries });
  }
}
projects.push({ name: '@soar/tools', dir: abs('tools'), entries: [] });
const projectOf = (file) =>
  projects.filter((p) => file.startsWith(p.dir + path.sep)).sort((a, b) => b.dir.length - a.dir.length)[0];

// --- exports of a file, following re-exports -----------------------------------------------------
const parsed = new Map();
function parse(file) {
  if (!parsed.has(file)) {
    parsed.set(file, ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  return parsed.get(file);
}
function resolveFile(fromDir, spec) {
  const base = path.resolve(fromDir, spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile())
      return candidate;
  }
  return undefined;
}
const exportCache = new Map();
/** name -> { file: defining file } */
function exportsOf(file) {
  if (exportCache.has(file)) return exportCache.get(file);
  const out = new Map();
  exportCache.set(file, out);
  const sf = parse(file);
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      const spec =
        st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const target = spec && spec.startsWith('.') ? resolveFile(path.dirname(file), spec) : undefined;
      if (!st.exportClause) {
        if (target) for (const [n, v] of exportsOf(target)) if (!out.has(n)) out.set(n, v);
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name).text;
          const exported = el.name.text;
          if (target) out.set(exported, exportsOf(target).get(local) ?? { file: target });
          else out.set(exported, { file });
        }
      }
      continue;
    }
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    if (!mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name)) out.set(d.name.text, { file });
    } else if (st.name && ts.isIdentifier(st.name)) out.set(st.name.text, { file });
  }
  return out;
}

// --- where a name can be imported from ------------------------------------------------------------
function entriesExporting(name, project) {
  const hits = [];
  for (const p of project ? [project] : projects) {
    for (const e of p.entries) {
      if (!fs.existsSync(e.file)) continue;
      const def = exportsOf(e.file).get(name);
      if (def) hits.push({ project: p, entry: e, def });
    }
  }
  return hits.sort((a, b) => Number(b.entry.root) - Number(a.entry.root));
}

function relativeSpecifier(fromFile, target) {
  let r = path.relative(path.dirname(fromFile), target).replace(/\\/g, '/').replace(/\.ts$/, '');
  if (r.endsWith('/index')) r = r.slice(0, -'/index'.length);
  if (r === 'index') r = '.';
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
}

function entryFileOf(spec) {
  for (const p of projects) for (const e of p.entries) if (e.specifier === spec) return e.file;
  return undefined;
}

/** Where `spec` (as written in `file`) points now, or undefined. */
function targetOf(file, spec) {
  if (spec.startsWith('.')) {
    const here = resolveFile(path.dirname(file), spec);
    if (here) return here;
    const old = previously.get(file) ?? file;
    const oldTarget = resolveFile(path.dirname(old), spec) ?? guessOld(path.dirname(old), spec);
    if (!oldTarget) return undefined;
    const now = moved.get(oldTarget) ?? oldTarget;
    return fs.existsSync(now) ? now : undefined;
  }
  if (spec.startsWith('@soar/')) return entryFileOf(spec);
  return undefined;
}
/** An old target that no longer exists on disk: known from the moves list. */
function guessOld(fromDir, spec) {
  const base = path.resolve(fromDir, spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')])
    if (moved.has(candidate)) return candidate;
  return undefined;
}

/** The specifier `file` imports `name` by, from the file that defines it or from an entry point. */
function specifierFor(file, name, target) {
  const me = projectOf(file);
  if (target && exportsOf(target).has(name)) {
    const tp = projectOf(target);
    if (tp === me) return relativeSpecifier(file, target);
    // another package: the entry point of that package that exports it
    const hits = entriesExporting(name, tp);
    if (hits.length > 0) return hits[0].entry.specifier;
  }
  // look everywhere: first my own package (relative to the defining file), then the others
  const mine = me ? entriesExporting(name, me) : [];
  if (mine.length > 0) return relativeSpecifier(file, mine[0].def.file);
  if (me && target === undefined) {
    // not exported by an entry: a file of my own package that defines it (internal helper)
    for (const candidate of me.files ?? [])
      if (exportsOf(candidate).has(name)) return relativeSpecifier(file, candidate);
  }
  const hits = entriesExporting(name).filter(
    (h) => h.project !== me && !h.project.dir.startsWith(abs('apps')),
  );
  const projectsHit = [...new Set(hits.map((h) => h.project.name))];
  if (projectsHit.length > 1)
    report.push(
      `${rel(file)}: ${name} is exported by ${projectsHit.join(', ')}; took ${hits[0].entry.specifier}`,
    );
  return hits[0]?.entry.specifier;
}

// --- rewrite every file -----------------------------------------------------------------------------
const report = [];
function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'out-tsc', 'cdk.out', 'tmp', '.cache'].includes(entry.name)) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
// `--skip <folder>` (repeatable) leaves a folder's files as they are (its imports are not rewritten).
const skipped = flags.flatMap((flag, index) => (flag === '--skip' ? [abs(flags[index + 1])] : []));
const files = [...walk(abs('packages'), []), ...walk(abs('apps'), []), ...walk(abs('tools'), [])].filter(
  (file) => !skipped.some((dir) => file.startsWith(dir + path.sep)),
);
for (const p of projects)
  p.files = files.filter(
    (f) => projectOf(f) === p && !f.includes(`${path.sep}tests${path.sep}`) && !f.endsWith('.spec.ts'),
  );

let changedFiles = 0;
for (const file of files) {
  const sf = parse(file);
  const text = sf.getFullText();
  const edits = [];
  for (const st of sf.statements) {
    const isImport = ts.isImportDeclaration(st);
    const isExport = ts.isExportDeclaration(st) && st.moduleSpecifier !== undefined;
    if (!isImport && !isExport) continue;
    const spec = st.moduleSpecifier.text;
    if (!spec.startsWith('.') && !spec.startsWith('@soar/')) continue;
    const target = targetOf(file, spec);
    const wholeTypeOnly = isImport ? Boolean(st.importClause?.isTypeOnly) : st.isTypeOnly;
    const named = isImport
      ? st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)
        ? st.importClause.namedBindings.elements
        : undefined
      : st.exportClause && ts.isNamedExports(st.exportClause)
        ? st.exportClause.elements
        : undefined;
    const hasOther = isImport
      ? st.importClause === undefined ||
        st.importClause.name !== undefined ||
        (st.importClause.namedBindings && !ts.isNamedImports(st.importClause.namedBindings))
      : st.exportClause === undefined || !ts.isNamedExports(st.exportClause);
    if (hasOther || !named) {
      // default, namespace, side-effect or `export *`: only the specifier can change
      if (target) {
        const tp = projectOf(target);
        const newSpec =
          tp === projectOf(file)
            ? relativeSpecifier(file, target)
            : spec.startsWith('@soar/')
              ? spec
              : undefined;
        if (newSpec && newSpec !== spec)
          edits.push({
            start: st.moduleSpecifier.getStart(),
            end: st.moduleSpecifier.getEnd(),
            text: `'${newSpec}'`,
          });
        else if (!newSpec) report.push(`${rel(file)}: cannot rewrite ${st.getText()}`);
      } else report.push(`${rel(file)}: unresolved ${st.getText().split('\n')[0]}`);
      continue;
    }
    const groups = new Map();
    let unchanged = true;
    for (const el of named) {
      const name = (el.propertyName ?? el.name).text;
      const newSpec = specifierFor(file, name, target);
      if (!newSpec) {
        report.push(`${rel(file)}: ${name} from '${spec}' not found anywhere`);
      }
      const s = newSpec ?? spec;
      if (s !== spec) unchanged = false;
      if (!groups.has(s)) groups.set(s, []);
      groups.get(s).push(el.getText());
    }
    if (unchanged) continue;
    const keyword = isImport ? 'import' : 'export';
    const lines = [...groups].map(
      ([s, els]) => `${keyword} ${wholeTypeOnly ? 'type ' : ''}{ ${els.join(', ')} } from '${s}';`,
    );
    edits.push({ start: st.getStart(), end: st.getEnd(), text: lines.join('\n') });
  }
  // relative paths in jest.mock / jest.requireActual / import() / require()
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression.getText();
      const spec = node.arguments[0].text;
      if (
        ['jest.mock', 'jest.requireActual', 'import', 'require', 'jest.doMock'].includes(callee) &&
        spec.startsWith('.')
      ) {
        const target = targetOf(file, spec);
        if (target && projectOf(target) === projectOf(file)) {
          const ns = relativeSpecifier(file, target);
          if (ns !== spec)
            edits.push({
              start: node.arguments[0].getStart(),
              end: node.arguments[0].getEnd(),
              text: `'${ns}'`,
            });
        } else if (!resolveFile(path.dirname(file), spec))
          report.push(`${rel(file)}: ${callee}('${spec}') needs a hand`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (edits.length === 0) continue;
  edits.sort((a, b) => b.start - a.start);
  let next = text;
  for (const e of edits) next = next.slice(0, e.start) + e.text + next.slice(e.end);
  if (next !== text) {
    changedFiles += 1;
    if (!dryRun) fs.writeFileSync(file, next);
  }
}
console.log(`${changedFiles} files ${dryRun ? 'would change' : 'changed'}`);
for (const line of [...new Set(report)]) console.log(`  ${line}`);
