import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * "Every customer-facing string goes through t()": a JSX text, or a string literal given to
 * an attribute a person reads (label, title, alt, aria-label, …) or placed as a child
 * (`{'Save'}`), with a letter in it, fails. Punctuation and symbols (` · `, `→`) are not
 * words. TypeScript's own parser reads the files (no extra dependency).
 */
const SRC = join(import.meta.dirname, '..');

/** Props whose string is shown to or read out to a person. */
const WORDY_PROPS = new Set([
  'alt',
  'aria-label',
  'aria-description',
  'busyLabel',
  'empty',
  'error',
  'hint',
  'label',
  'lead',
  'placeholder',
  'reason',
  'submitLabel',
  'title',
  'what',
]);

/** Place names shown as examples (the search's placeholders): the same in every language. Keep it short. */
const PROPER_NOUNS = new Set(['Colombo', 'Kandy']);

const hasWord = (text: string) => /\p{L}/u.test(text) && !PROPER_NOUNS.has(text.trim());

/** `file:line "text"` for every untranslated literal in one TSX source. */
function untranslatedLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${fileName}:${line + 1} "${text.trim().replace(/\s+/g, ' ')}"`);
  };
  const isLiteral = (node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
    node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWord(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent) && isLiteral(node.expression) && hasWord(node.expression.text)) {
      report(node, node.expression.text);
    }
    if (ts.isJsxAttribute(node) && WORDY_PROPS.has(node.name.getText(file))) {
      const value = node.initializer;
      const literal = value && ts.isJsxExpression(value) ? value.expression : value;
      if (isLiteral(literal) && hasWord(literal.text)) report(node, literal.text);
      if (
        literal &&
        ts.isTemplateExpression(literal) &&
        hasWord(literal.head.text + literal.templateSpans.map((s) => s.literal.text).join(''))
      ) {
        report(node, literal.getText(file));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.includes('.test.') ? [path] : [];
  });
}

describe('no untranslated words in the JSX of apps/web', () => {
  it('finds a JSX text, a wordy attribute and a literal child, and leaves t() calls and punctuation alone', () => {
    const source = `
      export const A = () => (
        <p title="Hello there" className="web-x">
          Book now {'Save'} {t('ok')} · → {' · '}
          <img alt={\`Photo \${n}\`} />
          <Field label={t('label')} placeholder="077 123 4567" />
          <Field label={t('city')} placeholder="Colombo" />
        </p>
      );`;
    expect(untranslatedLiterals('sample.tsx', source)).toEqual([
      'sample.tsx:3 "Hello there"',
      'sample.tsx:4 "Book now"',
      'sample.tsx:4 "Save"',
      // (the template's own text, `Photo ${n}`, split so it is not read as a placeholder here)
      'sample.tsx:5 "`Photo $' + '{n}`"',
    ]);
  });

  it('has none in any component', () => {
    const found = tsxFiles(SRC).flatMap((path) => untranslatedLiterals(relative(SRC, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });
});
