import { ERROR_CODES } from '@fareway/domain';
import { describe, expect, it } from 'vitest';
import type { AppErrorCode } from './errors';
import { ERROR_MESSAGES, errorMessage, LANGUAGES, unreachableMessage } from './messages';

const CODES = Object.keys(ERROR_CODES) as AppErrorCode[];
// Sinhala and Tamil sentences are written in their own scripts; a Latin-only one is an untranslated copy.
const SCRIPT: Record<(typeof LANGUAGES)[number], RegExp> = { en: /[A-Za-z]/, si: /[\u0D80-\u0DFF]/, ta: /[\u0B80-\u0BFF]/ };

describe('errorMessage in every language', () => {
  it.each(LANGUAGES)('has a sentence in %s for every code of the domain table, in its script', (language) => {
    expect(CODES.length).toBeGreaterThan(40);
    for (const code of CODES) {
      const sentence = errorMessage(code, language);
      expect(sentence, `${language} ${code}`).toMatch(SCRIPT[language]);
      expect(sentence?.trim(), `${language} ${code}`).not.toBe('');
      if (language !== 'en') expect(sentence, `${language} ${code}`).not.toBe(ERROR_MESSAGES[code]);
    }
    expect(unreachableMessage(language)).toMatch(SCRIPT[language]);
  });

  it('gives each language its own sentences and the English table unchanged', () => {
    expect(errorMessage('HOLD_EXPIRED', 'en')).toBe(ERROR_MESSAGES.HOLD_EXPIRED);
    const sentences = new Set(LANGUAGES.map((language) => errorMessage('SEATS_UNAVAILABLE', language)));
    expect(sentences.size).toBe(3);
  });
});
