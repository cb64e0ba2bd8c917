import { describe, expect, it } from 'vitest';
import { checkUnsafeLinks } from '../../src/check/unsafe-links.js';
import { parseMarkdown } from '../../src/load/markdown.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { fixtureStatement } from '../helpers/context.js';

describe('checkUnsafeLinks', () => {
  it('warns at Markdown links the sanitizer will drop', async () => {
    expect(checkUnsafeLinks(await fixtureStatement('hostile-input')).map(formatDiagnostic)).toEqual([
      "tests/fixtures/hostile-input/en.md:18:1: warning: link to `javascript:window.pwned='body-link'` is removed when published: use an http, https or mailto link [unsafe-link]",
      'tests/fixtures/hostile-input/en.md:18:60: warning: link to `data:text/html,<script>alert(1)</script>` is removed when published: use an http, https or mailto link [unsafe-link]',
      "tests/fixtures/hostile-input/es.md:7:1: warning: link to `javascript:window.pwned='es-link'` is removed when published: use an http, https or mailto link [unsafe-link]",
    ]);
  });

  it('follows the HTML sanitizer: a tel: link in the body is dropped there, so it is reported', async () => {
    const statement = await fixtureStatement('complete-statement');
    const body = parseMarkdown('[Call us](tel:+15550100), [mail](mailto:a@example.org), [brief](briefs/a.pdf), [top](#top).').body;
    const found = checkUnsafeLinks({ ...statement, text: { ...statement.text, en: { ...statement.text.en, body } } });
    expect(found.map((d) => d.reason)).toEqual(['link to `tel:+15550100` is removed when published: use an http, https or mailto link']);
  });

  it('accepts web, mail and relative links', async () => {
    expect(checkUnsafeLinks(await fixtureStatement('complete-statement'))).toEqual([]);
  });
});
