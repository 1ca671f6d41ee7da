/** A name without its diacritics: "Gdańsk" → "Gdansk", "Kraków" → "Krakow". */
export function withoutDiacritics(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}
