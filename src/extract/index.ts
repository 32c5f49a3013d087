export { citationKey, extractCitations } from './citations.js';
export {
  type ExtractionResult,
  type ExtractionWarning,
  type ExtractOptions,
  extractFromText,
  extractRead,
  extractReport,
} from './extract-report.js';
export { failedImportJson, type ImportJson, toImportJson } from './import-json.js';
export { decodeText } from './legacy-encoding.js';
export { MAX_FILE_BYTES, type ReadResult, readFile } from './read.js';
export { type CompiledPattern, defaultValuePatterns, loadValuePatterns } from './value-patterns.js';
