/** German text analysis shared by the knowledge base and triage. Pure, no I/O. */
export { foldText, foldWord, hasCapitals } from './normalize.js';
export { tokenize, type Token } from './tokenize.js';
export { stem } from './stem.js';
export { STOP_WORDS, isStopWord } from './stopwords.js';
export { feminineBase } from './feminine.js';
export { CompoundSplitter, type CompoundSplitterOptions } from './compound.js';
export { ABBREVIATIONS, AbbreviationLexicon, type Abbreviation } from './abbreviations.js';
export {
  buildVocabulary,
  createAnalyzer,
  type Analyzer,
  type AnalyzerOptions,
  type TermKind,
  type TermSpan,
  type TermVariant,
} from './analyzer.js';
