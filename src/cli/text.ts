/** Text on one line (white space folded), cut at `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
