/**
 * Every package holds one concern, with a small public API: at most 40 names in its root entry (the
 * rest behind subpath exports), one `errors.ts`, and about 3,000 source lines. A package that grows
 * past these is several packages (see the README, "Architecture in one picture").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const workspaceRoot = join(__dirname, '..', '..');
const packagesDir = join(workspaceRoot, 'packages');

/** Catalogues: one file per ASFF type, one module per control; the size is the catalogue's. */
const CATALOGUES: Readonly<Record<string, string>> = {
  'asff-schema': 'one schema file per ASFF type and resource details type',
  remediations: 'one module per Security Hub control',
};
const MAX_ROOT_EXPORTS = 40;
const MAX_SOURCE_LINES = 3_400;

const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'src', 'index.ts')),
);

function resolveModule(fromDir: string, specifier: string): string | undefined {
  const base = resolve(fromDir, specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile(),
  );
}

/** The names a module exports, following `export … from` and `export *`. */
function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (statement.exportClause === undefined) {
        const target = specifier === undefined ? undefined : resolveModule(dirname(file), specifier);
        if (target !== undefined) for (const name of exportedNames(target, seen)) names.add(name);
      } else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.add(element.name.text);
      }
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        names.add(declaration.name.getText(source));
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name !== undefined
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe.each(packages)('Package: %s', (name) => {
  const src = join(packagesDir, name, 'src');

  it(`exports at most ${MAX_ROOT_EXPORTS} names from its root entry`, () => {
    const names = exportedNames(join(src, 'index.ts'));
    expect({ name, exports: names.size }).toEqual({ name, exports: Math.min(names.size, MAX_ROOT_EXPORTS) });
  });

  it('has at most one errors.ts', () => {
    const errors = sourceFiles(src).filter((file) => file.endsWith('/errors.ts'));
    expect(errors.length).toBeLessThanOrEqual(1);
  });

  it(`has about 3,000 source lines at most (a catalogue excepted)`, () => {
    const lines = sourceFiles(src).reduce(
      (sum, file) => sum + readFileSync(file, 'utf8').split('\n').length,
      0,
    );
    if (CATALOGUES[name] !== undefined) return;
    expect({ name, lines }).toEqual({ name, lines: Math.min(lines, MAX_SOURCE_LINES) });
  });
});
