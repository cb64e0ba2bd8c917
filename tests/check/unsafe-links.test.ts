import { describe, expect, it } from 'vitest';
import { checkUnsafeLinks } from '../../src/check/unsafe-links.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { fixtureStatement } from '../helpers/context.js';

describe('checkUnsafeLinks', () => {
  it('warns at Markdown links the sanitizer will drop', async () => {
    expect(checkUnsafeLinks(await fixtureStatement('hostile-input')).map(formatDiagnostic)).toEqual([
      "tests/fixtures/hostile-input/en.md:18:1: warning: link to `javascript:window.pwned='body-link'` is removed when published: only http, https, mailto and tel links are kept [unsafe-link]",
      'tests/fixtures/hostile-input/en.md:18:60: warning: link to `data:text/html,<script>alert(1)</script>` is removed when published: only http, https, mailto and tel links are kept [unsafe-link]',
      "tests/fixtures/hostile-input/es.md:7:1: warning: link to `javascript:window.pwned='es-link'` is removed when published: only http, https, mailto and tel links are kept [unsafe-link]",
    ]);
  });

  it('accepts web, mail and relative links', async () => {
    expect(checkUnsafeLinks(await fixtureStatement('complete-statement'))).toEqual([]);
  });
});
