/** The knowledge base: articles as Markdown files, validated, rendered, searchable, live. */
export {
  KnowledgeBase,
  toIndexDoc,
  type ArticleSuggestion,
  type ArticleView,
  type KbProblem,
  type KbReloadResult,
  type KbSearchOptions,
  type KbSearchResponse,
  type KbSearchResult,
  type KbStatus,
  type KnowledgeBaseOptions,
  type ServedArticle,
} from './knowledge-base.js';
export { frontMatterSchema, type FrontMatter, type KbIssue } from './front-matter.js';
export {
  buildCatalogue,
  listMarkdownFiles,
  parseArticle,
  readKbDir,
  reviewWarnings,
  SLUG_PATTERN,
  bodyOf,
  textOf,
  type Catalogue,
  type ParsedArticle,
  type SourceFile,
} from './loader.js';
export { articleUrl, renderBody, sanitizeArticleHtml, type RenderedBody } from './render.js';
export { DEFAULT_RANKING, SearchIndex, type IndexDoc, type RankingOptions, type SearchHit } from './search-index.js';
export { makeSnippet, escapeHtml } from './snippet.js';
export { readGitInfo, type CommitInfo, type GitInfo } from './git.js';
export { formatIssue, lintKb, type LintResult } from './lint.js';
export {
  evaluate,
  parseRelevanceSet,
  scoreQuery,
  type EvaluationResult,
  type Metrics,
  type QueryOutcome,
  type QueryStyle,
  type RelevanceQuery,
} from './evaluate.js';
