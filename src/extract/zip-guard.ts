import { AppError } from '../domain/errors.js';

/** Limits for an Office (zip) container: a DOCX report is a few MB unpacked. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Reads the zip central directory and refuses archives that would unpack to more than
 * MAX_UNPACKED_BYTES or with an implausible compression ratio (a "zip bomb"), before any
 * library inflates them. Returns false when the bytes are not a zip archive at all.
 */
export function checkZipContainer(bytes: Uint8Array, name: string): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= minEnd; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let unpacked = 0;
  let packed = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return false;
    packed += view.getUint32(offset + 20, true);
    unpacked += view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (unpacked > MAX_UNPACKED_BYTES || (unpacked > 10 * 1024 * 1024 && unpacked > packed * MAX_RATIO)) {
    throw new AppError(
      'import.zip_bomb',
      `Tệp ${name} bị từ chối: nội dung nén giải ra quá lớn (${Math.round(unpacked / 1024 / 1024)} MB).`,
      413,
      { file: name },
    );
  }
  return true;
}
