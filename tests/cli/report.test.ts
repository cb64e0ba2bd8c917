import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardTerminal, printDiagnostics, writeControl } from '../../src/cli/report.js';
import { diagnostic } from '../../src/model/diagnostic.js';

/** A stream standing in for the terminal, recording what reaches it. */
function terminal(): { stream: NodeJS.WriteStream; shown: () => string } {
  let shown = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      shown += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, shown: () => shown };
}

describe('guardTerminal', () => {
  it('escapes control characters in everything written, strings and bytes (an SMTP reply, a path)', () => {
    const { stream, shown } = terminal();
    guardTerminal(stream);
    stream.write('statements: 550 mailbox \u001b[2Jfull\r\n');
    stream.write(Buffer.from('out/\u202eevil/\n'));
    expect(shown()).toBe('statements: 550 mailbox \\x1b[2Jfull\\x0d\nout/\\u202eevil/\n');
  });

  it('lets through only the control sequences the CLI sends itself (a progress bar redrawn in place)', () => {
    const { stream, shown } = terminal();
    guardTerminal(stream);
    writeControl(stream, 'lineStart');
    stream.write('[#####---] sent 5');
    writeControl(stream, 'eraseToLineEnd');
    expect(shown()).toBe('\r[#####---] sent 5\u001b[K');
  });
});

describe('printDiagnostics', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  function printed(): string {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bug = new TypeError("Cannot read properties of undefined (reading 'width')");
    printDiagnostics([diagnostic('error', 'internal', 'internal error while building en.pdf of water-2026: …', { file: 'statements/water-2026' }, bug)]);
    return write.mock.calls.map(([text]) => String(text)).join('');
  }

  it('prints an internal error in one line, without its stack', () => {
    vi.stubEnv('STATEMENTS_DEBUG', '');
    expect(printed()).toBe('statements/water-2026: error: internal error while building en.pdf of water-2026: … [internal]\n');
  });

  it('adds the stack with STATEMENTS_DEBUG=1', () => {
    vi.stubEnv('STATEMENTS_DEBUG', '1');
    expect(printed()).toMatch(/^statements\/water-2026: error: internal error .* \[internal\]\nTypeError: Cannot read properties of undefined \(reading 'width'\)\n\s+at /);
  });
});
