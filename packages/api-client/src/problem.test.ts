import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from './messages';

// problemOf on the server's real errors: test/client-server.test.ts.
describe('ERROR_MESSAGES', () => {
  it('has a sentence for people for every code, none of them a developer message', () => {
    for (const [code, sentence] of Object.entries(ERROR_MESSAGES)) {
      expect(sentence, code).toMatch(/^[A-Z].*\.$/);
      expect(sentence, code).not.toMatch(/\b[a-z]+[A-Z]\w*|_/);
    }
  });
});
