// Where periods sit on a chart's time axis and how their ticks are labelled.

/** Points placed on a time axis: a period sits at the end of its last month, so 9 months and a year line up. */
export function periodTime(periodId: string): number {
  const match = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12])|-(9M))?$/i.exec(periodId);
  if (!match) return Number.NaN;
  const year = Number(match[1]);
  let month = 12;
  if (match[2]) month = Number(match[2]);
  else if (match[3]) month = Number(match[3]) * 3;
  else if (match[4]) month = Number(match[4]) * 6;
  else if (match[5]) month = 9;
  return Date.UTC(year, month, 0) / 1000;
}

/** A compact axis label: "4/2022", "Q1/2022", "6T/2022", "9T/2021", "2017" (English: H1, 9M). */
export function periodShortLabel(periodId: string, lang: 'vi' | 'en'): string {
  const match = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12])|-(9M))?$/i.exec(periodId);
  if (!match) return periodId;
  const year = match[1]!;
  if (match[2]) return `${Number(match[2])}/${year}`;
  if (match[3]) return `Q${match[3]}/${year}`;
  if (match[4])
    return lang === 'vi' ? `6T${match[4] === '2' ? ' cuối' : ''}/${year}` : `H${match[4]}/${year}`;
  if (match[5]) return lang === 'vi' ? `9T/${year}` : `9M/${year}`;
  return year;
}

export const DAY = 86_400;
