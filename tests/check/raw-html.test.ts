import { describe, expect, it } from 'vitest';
import { checkRawHtml } from '../../src/check/raw-html.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { fixtureStatement } from '../helpers/context.js';

describe('checkRawHtml', () => {
  it('warns at each piece of raw HTML the sanitizer changes', async () => {
    const messages = checkRawHtml(await fixtureStatement('hostile-input')).map(formatDiagnostic);
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:14:11: warning: raw HTML `<script>` is changed when published .*\[raw-html\]$/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:16:1: warning: raw HTML `<img src="https:\/\/example\.org\/x\.png" onerror=/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:18:118: warning: raw HTML `<a href="JaVaScRiPt:alert\(1\)">`/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/en\.md:20:1: warning: raw HTML `<iframe/));
    expect(messages).toContainEqual(expect.stringMatching(/^tests\/fixtures\/hostile-input\/es\.md:5:12: warning: raw HTML `<script>/));
    expect(messages).toHaveLength(7);
  });

  it('says nothing about Markdown without raw HTML', async () => {
    expect(checkRawHtml(await fixtureStatement('complete-statement'))).toEqual([]);
  });
});
