export {
  type BuildReportOptions,
  type BuiltReport,
  buildReport,
  buildReportDocument,
} from './build-report.js';
export type { RenderOptions } from './layout.js';
export { renderDocx } from './render-docx.js';
export { escapeHtml, renderHtml } from './render-html.js';
export { renderMarkdown } from './render-markdown.js';
export { renderPdf } from './render-pdf.js';
export {
  defaultSentenceTemplates,
  MISSING_MARKER,
  mergeSentenceTemplates,
  type SentenceTemplate,
  writeSentence,
} from './sentences.js';
