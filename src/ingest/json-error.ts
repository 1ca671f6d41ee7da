/**
 * Where a JSON parse failed, without the text around it: V8's messages quote the input, and the
 * input is hostile content that must not spill into error output or logs.
 */
export function jsonErrorWhere(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  if (position) return `invalid JSON at character ${position[1]}`;
  if (/Unexpected end/i.test(message)) return 'JSON ends too early';
  return 'invalid JSON';
}
