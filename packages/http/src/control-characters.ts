/** Whether a UTF-16 code unit is a C0 control character or DEL. */
function isControl(code: number): boolean {
  return code <= 0x1f || code === 0x7f;
}

/**
 * Whether `text` holds a control character (C0 or DEL), e.g. CR/LF used for header injection.
 *
 * @example
 * ```ts
 * hasControlCharacters('ABC-1\r\nX-Evil: 1'); // true
 * ```
 */
export function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (isControl(text.charCodeAt(index))) return true;
  }
  return false;
}

/**
 * `text` with every run of control characters (C0 or DEL) replaced by one space.
 *
 * @example
 * ```ts
 * replaceControlCharacters('a\r\nb'); // 'a b'
 * ```
 */
export function replaceControlCharacters(text: string): string {
  let result = '';
  let inRun = false;
  for (const char of text) {
    if (isControl(char.charCodeAt(0))) {
      if (!inRun) result += ' ';
      inRun = true;
    } else {
      result += char;
      inRun = false;
    }
  }
  return result;
}
