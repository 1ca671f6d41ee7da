/**
 * Some Telegram Desktop versions write strings that are not valid JSON: raw control characters
 * and `\xHH` escapes. This rewrites only what is invalid inside strings, leaving valid JSON as it is.
 */
export function repairJson(text: string): string {
  let out = '';
  let inString = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) {
      if (c === 0x22) inString = true;
      continue;
    }
    if (c === 0x22) {
      inString = false;
    } else if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        out += `${text.slice(last, i)}\\u00${text.slice(i + 2, i + 4)}`;
        last = i + 4;
        i += 3;
      } else if (next !== undefined && '"\\/bfnrtu'.includes(next)) {
        i++;
      } else {
        // An unknown escape: keep the backslash as a character.
        out += `${text.slice(last, i)}\\\\`;
        last = i + 1;
      }
    } else if (c < 0x20) {
      out += `${text.slice(last, i)}\\u${c.toString(16).padStart(4, '0')}`;
      last = i + 1;
    }
  }
  return out + text.slice(last);
}
