/** Vietnamese dates: "12/4/2022", "09/04/2020", "ngày 14 tháng 9 năm 2021"; ISO "YYYY-MM-DD" inside. */

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses "12/4/2022" or "09/04/2020" (day/month/year) into "2022-04-12"; null when invalid. */
export function parseViDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!match) return parseViLongDate(text);
  return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

/** Parses "ngày 14 tháng 9 năm 2021" (with or without diacritics) into "2021-09-14". */
export function parseViLongDate(text: string): string | null {
  const match = /ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})/iu.exec(text.normalize('NFC'));
  if (!match) return null;
  return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
}

function splitIso(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

/** "2022-04-12" → "12/4/2022". */
export function formatViDate(iso: string): string {
  const [y, m, d] = splitIso(iso);
  return `${d}/${m}/${y}`;
}

/** "2021-09-14" → "ngày 14 tháng 9 năm 2021", the place-date line of an official document. */
export function formatViLongDate(iso: string): string {
  const [y, m, d] = splitIso(iso);
  // Decree 30/2020: days below 10 and months below 3 are written with a leading zero.
  const day = d < 10 ? `0${d}` : String(d);
  const month = m < 3 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}
