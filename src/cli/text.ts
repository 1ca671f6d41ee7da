/** Text on one line (white space folded), cut at `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * Text from outside Vigil (a remote server's error, a source's name) made safe for a terminal:
 * control characters, escape sequences among them, become U+FFFD, and it stays on one line.
 */
export function terminalSafe(text: string, max = 300): string {
  return oneLine(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD'), max);
}
