import type { Diagnostic } from '../model/diagnostic.js';
import type { Embargo } from '../model/embargo.js';
import type { Format } from '../render/index.js';

/** What to make of one statement: plain data, so it can be sent to a worker. */
export interface ProduceJob {
  statementsDir: string;
  slug: string;
  /** Publish despite check errors (shown as warnings that say so). */
  force: boolean;
  /** "Now" for the checks about dates, in milliseconds. */
  now: number;
  /** Only these kinds of output (undefined: all). */
  formats?: readonly Format[];
  /** Files still up to date in the output folder (the cache says so): kept, not made again. */
  fresh: readonly string[];
  /** Also make the pages of a statement under embargo, for the preview folder (`build --preview`). */
  preview: boolean;
}

/** One output file of the statement, in the order the statement's outputs are listed. */
export interface ProducedFile<D = Diagnostic> {
  file: string;
  format: Format;
  /** Made now (`bytes`, or none when it could not be made: `diagnostics` say why); else kept as it is in out/. */
  made: boolean;
  bytes?: Uint8Array;
  diagnostics: D[];
}

/** A statement loaded, checked and rendered; with `DiagnosticData`, plain data to cross a worker boundary. */
export interface Produced<D = Diagnostic> {
  /** Of loading and checking. */
  diagnostics: D[];
  /** The statement's latest embargo, lifted or not (absent when it has none, or did not load). */
  embargo?: Embargo;
  /**
   * Present when the embargo has not lifted at the job's `now`: nothing of the
   * statement goes into the output folder. `files`: its press copies (PDFs and
   * emails, saying they are embargoed), absent when check errors hold it back;
   * `preview`: its pages, when asked for.
   */
  embargoed?: { files?: ProducedFile<D>[]; preview?: ProducedFile<D>[] };
  /** Absent when the statement is not to be published (load errors, check errors that hold it back, or an embargo). */
  publish?: {
    /** Every output the statement has, in order: made now, or kept (`fresh`, or of a kind not built). */
    files: ProducedFile<D>[];
    /** `out/<slug>/statement.json`, for the archive. */
    manifest: string;
  };
}

/** The diagnostics of `produced` changed by `convert` (to plain data and back, across a worker boundary). */
export function mapDiagnostics<A, B>(produced: Produced<A>, convert: (diagnostic: A) => B): Produced<B> {
  const files = (list: ProducedFile<A>[]) => list.map((file) => ({ ...file, diagnostics: file.diagnostics.map(convert) }));
  const publish = produced.publish && { ...produced.publish, files: files(produced.publish.files) };
  const held = produced.embargoed;
  const embargoed = held && { ...(held.files ? { files: files(held.files) } : {}), ...(held.preview ? { preview: files(held.preview) } : {}) };
  return {
    diagnostics: produced.diagnostics.map(convert),
    ...(produced.embargo ? { embargo: produced.embargo } : {}),
    ...(embargoed ? { embargoed } : {}),
    ...(publish ? { publish } : {}),
  };
}
