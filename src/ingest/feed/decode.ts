import chardet from 'chardet';

/**
 * Feed bytes to text. The encoding comes from a byte-order mark, else the XML declaration (or a
 * declared charset from the server that fetched it), else the bytes are tried as UTF-8 and, when
 * they are not, the encoding is detected. Node's TextDecoder (full ICU) reads every encoding the
 * WHATWG list names: ISO-8859-x, windows-125x, KOI8-R, Shift_JIS, EUC-*, GB18030, Big5…
 */
export function decodeFeed(
  bytes: Buffer,
  declaredCharset?: string | null,
): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const declared =
    declaredCharset ??
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(
      bytes.subarray(0, 200).toString('latin1'),
    )?.[1];
  if (declared) {
    const decoder = decoderFor(declared);
    if (decoder) return { text: decoder.decode(bytes), encoding: decoder.encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Detected on the text between tags: the markup is ASCII and would outvote the text.
    const guess = chardet.detect(Buffer.from(bytes.toString('latin1').replace(/<[^>]*>/g, ' '), 'latin1'));
    const decoder = (guess ? decoderFor(guess) : null) ?? new TextDecoder('windows-1252');
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  }
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.toLowerCase());
  } catch {
    return null;
  }
}
