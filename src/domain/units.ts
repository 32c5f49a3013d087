import unitsEn from '../../catalogue/units-en.json' with { type: 'json' };

const englishUnits = new Map(Object.entries(unitsEn.units));

/**
 * An indicator's unit as the English UI shows it: the catalogue's Vietnamese unit translated
 * (catalogue/units-en.json), or as written when the list lacks it (a unit an organisation added).
 */
export function unitInEnglish(unit: string): string {
  return englishUnits.get(unit) ?? unit;
}
