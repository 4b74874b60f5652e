// Display escaping for evidence text. Control characters and bidirectional overrides in file
// names or tool output could hide or reorder what an investigator reads, so they are shown as
// visible \uXXXX escapes. Markup needs no escaping here: the views render text, never HTML.

const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Escapes invisible and direction-changing characters; newlines and tabs stay. */
export function escapeControls(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes every control character, newlines included, for one-line labels. */
export function escapeForLabel(text: string): string {
  return escapeControls(text).replace(/[\n\r\t]/g, (char) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : '\\t'));
}

/** Shows ANSI terminal sequences as text (`\u001b[31m`) instead of letting them style output. */
export function showAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, (sequence) => `\\u001b${sequence.slice(1)}`);
}
