import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit.repository.js';
import { insertExtractionPattern } from '../db/extraction-pattern.repository.js';
import { getIndicators } from '../db/indicator.repository.js';
import { getImportUpload } from '../db/queries/import-uploads.query.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { ReportValue } from '../domain/report-document.js';
import { formatViNumber, parseViFigure, parseViNumber } from '../domain/vietnamese/number.js';
import { draftPattern, foldSnippet, NUMBER, sameValue } from '../extract/pattern-draft.js';
import { readFile } from '../extract/read.js';
import { compilePattern } from '../extract/value-patterns.js';
import { type Auth, requireAccess } from '../services/access.js';
import {
  gapProblem,
  hasEnoughWords,
  type LearnedWording,
  learnedPattern,
  learnedWordingView,
  organisationValuePatterns,
  unknownIndicator,
  wordingError,
  wordingExists,
} from '../services/extraction-pattern.service.js';
import { importFile, readImportFile } from '../services/import.service.js';
import { assertPeriodOpen } from '../services/period-lock.js';
import { dryRunRefusal, reviewOf, type UploadReview } from './import-review.js';

/**
 * Teaching the importer a wording on the review page: a person selects, in the uploaded report, the words
 * of a figure it missed and names the indicator; baocao drafts a pattern from those words, checks that
 * it reads that figure there, keeps it for the organisation's later imports and reviews the file again.
 */
export interface WordingRequest {
  /** The selected span in the review's source text. */
  start: number;
  end: number;
  indicator: string;
  scope: ReportValue['scope'];
  /** The figure (a number or Vietnamese text, "1.858"); default: the last number of the selection. */
  value?: number | string | undefined;
}

export interface LearntWording {
  wording: LearnedWording;
  /** The figure the new wording reads in this report. */
  found: { value: number; start: number | null; end: number | null };
  review: UploadReview;
}

const MAX_SELECTION = 400;

function figureOf(request: WordingRequest, folded: string): number {
  if (request.value === undefined) {
    const numbers = [...folded.matchAll(NUMBER)].map((m) => parseViNumber(m[0]));
    const last = numbers.at(-1);
    if (last === undefined || last === null)
      throw wordingError('no_figure', 'Đoạn đã chọn không có số liệu.');
    return last;
  }
  const value = typeof request.value === 'number' ? request.value : parseViFigure(request.value);
  if (value === null || !Number.isFinite(value)) {
    throw wordingError('value', `"${request.value}" không phải là một số liệu (ví dụ: 1.858 hoặc 30,73).`);
  }
  return value;
}

export async function learnWordingFromUpload(
  db: Kysely<Database>,
  auth: Auth,
  orgId: string,
  uploadId: number,
  request: WordingRequest,
): Promise<LearntWording> {
  await requireAccess(auth, 'import.create', [orgId]);
  const upload = await getImportUpload(db, orgId, uploadId);
  if (!upload) throw new AppError('import.unknown', `Không tìm thấy tệp chờ duyệt số ${uploadId}.`, 404);
  const [indicator] = await getIndicators(db, orgId, { codes: [request.indicator] });
  if (!indicator) throw unknownIndicator(request.indicator);
  // The file is decoded once; the drafts and the new review extract that text again (milliseconds each).
  const file = {
    orgId,
    name: upload.fileName,
    bytes: upload.bytes,
    read: await readFile(upload.bytes, upload.fileName),
    periodId: upload.periodId ?? undefined,
  };
  const { text } = file.read;
  const { start, end } = request;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw wordingError(
      'span',
      `Đoạn đã chọn (${start}–${end}) nằm ngoài văn bản của tệp ${upload.fileName}.`,
    );
  }
  if (end - start > MAX_SELECTION) {
    throw wordingError(
      'span',
      `Đoạn đã chọn dài ${end - start} ký tự; chỉ chọn câu chứa số liệu (tối đa ${MAX_SELECTION}).`,
    );
  }
  const snippet = text.slice(start, end);
  const folded = foldSnippet(snippet);
  const value = figureOf(request, folded);
  const draft = draftPattern(folded, value);
  if (!draft) throw wordingError('figure', `Không thấy số ${formatViNumber(value)} trong đoạn đã chọn.`);
  if (!hasEnoughWords(draft.base)) {
    throw wordingError(
      'too_short',
      'Hãy chọn cả những chữ mô tả số liệu (ít nhất hai từ), không chỉ con số.',
    );
  }

  // The draft, or with any date instead of a gap, must read the figure where the person selected it.
  const known = await organisationValuePatterns(db, orgId);
  let chosen: { match: string; found: ReportValue } | null = null;
  // A sentence with many dates drafts many gaps: such a draft is left for the one with the dates as numbers.
  const drafts = [...new Set([draft.base, draft.fallback ?? draft.base])];
  const candidates = drafts.filter((match) => gapProblem(match) === null);
  if (candidates.length === 0) throw wordingError('gaps', gapProblem(drafts[0]!)!);
  for (const match of candidates) {
    const wording = {
      indicator: indicator.code,
      scope: request.scope,
      match,
      multiplier: draft.multiplier,
      value: draft.value ?? null,
    };
    const tried = await readImportFile(db, {
      ...file,
      extractOptions: { patterns: [...known, compilePattern(learnedPattern(wording))] },
    });
    const found = tried.extraction.document.values.find(
      (v) =>
        v.indicator === indicator.code &&
        v.scope === request.scope &&
        sameValue(v.value, value) &&
        (v.start ?? 0) < end &&
        start < (v.end ?? 0),
    );
    if (found) {
      chosen = { match, found };
      break;
    }
  }
  if (!chosen) {
    throw wordingError(
      'not_read',
      `Cách viết lấy từ đoạn đã chọn không đọc được số ${formatViNumber(value)} ở đó (số liệu ở phần kế hoạch không được đọc; một số đã là số liệu của chỉ tiêu khác cũng vậy).`,
      422,
    );
  }

  const { match, found } = chosen;
  const row = await db.transaction().execute(async (trx) => {
    // A file whose figures a report holds cannot be stored: nothing is learnt from it either.
    if (upload.periodId) await assertPeriodOpen(trx, orgId, upload.periodId, upload.fileName);
    const inserted = await insertExtractionPattern(trx, {
      org_id: orgId,
      indicator_code: indicator.code,
      scope: request.scope,
      match,
      multiplier: draft.multiplier,
      fixed_value: draft.value ?? null,
      example: snippet.replace(/\s+/g, ' ').trim(),
      created_by: auth.username,
    });
    if (!inserted) throw wordingExists(match, indicator.code);
    await recordAudit(trx, {
      orgId,
      userId: auth.userId,
      action: 'wording.create',
      entity: 'extraction_pattern',
      entityId: inserted.id,
      after: { ...learnedWordingView(inserted), fileName: upload.fileName },
    });
    return inserted;
  });
  const dry = await importFile(db, { ...file, actor: auth.username, dryRun: true });
  // Frozen between the check above and this read (an approval that very moment): the wording is kept, and the
  // file refused as uploading it would be (409 value.locked), naming the wording kept.
  if (!dry.ok || !dry.extraction) throw dryRunRefusal(dry, upload.fileName, { wordingId: String(row.id) });
  return {
    wording: learnedWordingView(row),
    found: { value: found.value, start: found.start ?? null, end: found.end ?? null },
    review: reviewOf(uploadId, upload.fileName, dry),
  };
}
