import type { LocaleSet } from '../i18n/index.js';
import type { PublisherConfig } from '../model/config.js';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Lang, LanguageSettings } from '../model/languages.js';
import type { Statement } from '../model/statement.js';
import type { FontLibrary } from '../render/pdf/fonts.js';

/** What the checks read besides a statement: the project's settings, UI strings and fonts, and the time. */
export interface CheckContext {
  config: PublisherConfig;
  settings: LanguageSettings;
  locales: LocaleSet;
  fonts: FontLibrary;
  /** "Now", for rules about dates: the clock, or `--now`. */
  now: Date;
}

/** What a rule's errors hold back: the whole statement, or only its PDFs (a browser and a mail client have fonts of their own). */
export type Withholds = 'statement' | 'pdf';

interface RuleInfo {
  /** The id printed in brackets after every finding: `[figures]`. */
  id: string;
  /** The most severe finding the rule makes. */
  severity: Severity;
  /** One line: what the rule catches (listed by `check --rules` and in the README). */
  description: string;
}

/** A rule run on each loaded statement by `check`, `build` and `send`. */
export interface StatementRule extends RuleInfo {
  stage: 'statement';
  withholds: Withholds;
  check(statement: Statement, ctx: CheckContext): Diagnostic[] | Promise<Diagnostic[]>;
  /**
   * What `check --fix` writes: the text of a statement's Markdown file in
   * `lang` with this rule's findings fixed and nothing else changed, byte for
   * byte; idempotent (fixing a fixed text changes nothing). The context gives
   * the language's conventions (its locale files).
   */
  fix?(text: string, lang: Lang, ctx: CheckContext): Fixed;
}

/** A fixed text, and how many findings the fix fixed (for "fixed 3 findings in es.md"). */
export interface Fixed {
  text: string;
  fixed: number;
}

/** A rule about the project rather than one statement (the UI strings): its errors hold back every statement. */
export interface ProjectRule extends RuleInfo {
  stage: 'project';
  check(ctx: CheckContext): Diagnostic[] | Promise<Diagnostic[]>;
}

/** A rule applied while files are read, or while outputs are built or sent: listed so that every id has its line. */
export interface InlineRule extends RuleInfo {
  stage: 'load' | 'build' | 'send';
}

export type Rule = StatementRule | ProjectRule | InlineRule;
