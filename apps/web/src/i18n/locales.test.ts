import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMESPACES } from './resources';

const LOCALES = join(import.meta.dirname, '..', 'locales');
const LANGUAGES = ['en', 'si', 'ta'] as const;
// Sinhala and Tamil values are written in their own scripts (proper nouns and codes may stay Latin).
const SCRIPT = { si: /[\u0D80-\u0DFF]/, ta: /[\u0B80-\u0BFF]/ } as const;

// Values that are the same in every language (proper nouns, codes): `namespace:key`. Keep it short.
const SAME_IN_EVERY_LANGUAGE = new Set(['common:brand']);

type Tree = { [key: string]: string | Tree };

function read(language: string, namespace: string): Tree {
  return JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree;
}

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

/** The `{{name}}` placeholders of a value, sorted. */
const placeholders = (value: unknown) => [...String(value).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('registers every namespace file, and every language has the same files', () => {
    for (const language of LANGUAGES) {
      const files = readdirSync(join(LOCALES, language))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect(files, language).toEqual([...NAMESPACES].sort());
    }
  });

  describe.each(NAMESPACES)('namespace %s', (namespace) => {
    const english = new Map(leaves(read('en', namespace)));

    it.each(LANGUAGES)('%s has exactly the English keys, none empty', (language) => {
      const entries = leaves(read(language, namespace));
      expect(entries.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
      for (const [key, value] of entries) {
        expect(typeof value, `${language}:${namespace}.${key}`).toBe('string');
        expect(String(value).trim(), `${language}:${namespace}.${key}`).not.toBe('');
      }
    });

    it.each(['si', 'ta'] as const)('%s is translated and keeps the placeholders', (language) => {
      const translated = new Map(leaves(read(language, namespace)));
      for (const [key, value] of english) {
        const text = translated.get(key);
        expect(placeholders(text), `${language}:${namespace}.${key}`).toEqual(placeholders(value));
        // A value with English words and no letter of the language's script has not been translated.
        if (SAME_IN_EVERY_LANGUAGE.has(`${namespace}:${key}`)) continue;
        // English words with no letter of the language's script: not translated yet.
        if (/[a-z]{3}/.test(String(value).replace(/\{\{[^}]*\}\}/g, ''))) {
          expect(String(text), `${language}:${namespace}.${key} is not translated`).toMatch(SCRIPT[language]);
        }
      }
    });
  });
});
