// Byte → character tables for the legacy Vietnamese 8-bit encodings still found in old archives.

/**
 * TCVN 5712:1993 (VN3, the "ABC" fonts .VnTime/.VnArial): bytes 0x80–0xFF, in order.
 * Bytes 0xB0–0xB4 are combining tone marks; upper-case letters without a slot of their own
 * live in the C0 range (TCVN3_LOW).
 */
export const TCVN3_HIGH =
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';

export const TCVN3_LOW: Record<number, string> = {
  1: 'Ú',
  2: 'Ụ',
  4: 'Ừ',
  5: 'Ử',
  6: 'Ữ',
  17: 'Ứ',
  18: 'Ự',
  19: 'Ỳ',
  20: 'Ỷ',
  21: 'Ỹ',
  22: 'Ý',
  23: 'Ỵ',
};
