#!/usr/bin/env node
// Merges the import declarations of one file that name the same module with the same kind
// (`import type { … }` or `import { … }`), keeping the first in place. Only named imports.
//
//   node tools/src/codemod/merge-imports.cjs <file.ts>...
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

let changed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const groups = new Map();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const clause = st.importClause;
    if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
    const key = `${clause.isTypeOnly ? 'type ' : ''}${st.moduleSpecifier.text}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(st);
  }
  const edits = [];
  for (const [key, statements] of groups) {
    if (statements.length < 2) continue;
    const typeOnly = key.startsWith('type ');
    const spec = typeOnly ? key.slice(5) : key;
    const names = [];
    for (const st of statements)
      for (const el of st.importClause.namedBindings.elements) names.push(el.getText());
    const unique = [...new Set(names)];
    edits.push({
      start: statements[0].getStart(),
      end: statements[0].getEnd(),
      text: `import ${typeOnly ? 'type ' : ''}{ ${unique.join(', ')} } from '${spec}';`,
    });
    for (const st of statements.slice(1)) {
      let end = st.getEnd();
      if (text[end] === '\n') end += 1;
      edits.push({ start: st.getStart(), end, text: '' });
    }
  }
  if (edits.length === 0) continue;
  edits.sort((a, b) => b.start - a.start);
  let next = text;
  for (const e of edits) next = next.slice(0, e.start) + e.text + next.slice(e.end);
  fs.writeFileSync(file, next);
  changed += 1;
}
console.log(`${changed} files merged`);
