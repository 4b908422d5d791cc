/**
 * Text bound for a terminal. Deliveries, their ids, error messages and queue contents are chosen by
 * whoever sent them, and a terminal obeys control characters: `ESC [2J` clears the screen, `ESC [8m`
 * hides what follows, a C1 CSI (U+009B) does the same in one character, and bidi controls show text
 * in another order than it has. Every line a tool prints goes through `terminalText`.
 */

/** C0 controls but tab and newline, DEL, C1, and Unicode's bidi, invisible and line-separating format characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are what a delivery could use to drive the terminal.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `text` with every control a terminal would act on written visibly, as `\x1b` or `\u202e`. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Prints a line to standard output, controls written visibly. */
export const printLine = (line: string): void => console.log(terminalText(line));

/** Prints a line to standard error, controls written visibly. */
export const printError = (line: string): void => console.error(terminalText(line));

/** `print`, given only text with its controls written visibly: what a tool's every line goes through. */
export const terminalPrinter =
  (print: (line: string) => void) =>
  (line: string): void =>
    print(terminalText(line));
