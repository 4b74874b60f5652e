// Evidence text with secrets masked until the analyst reveals them. Rendered as text only.

import { maskSecrets } from '../../shared/secrets/mask';
import { escapeControls, showAnsi } from '../../shared/text/escape';

interface SecretTextProps {
  readonly reveal: boolean;
  readonly text: string;
}

/** Prepares evidence text for display: ANSI sequences and control characters shown, secrets masked. */
export function displayText(text: string, reveal: boolean): string {
  const visible = escapeControls(showAnsi(text));
  return reveal ? visible : maskSecrets(visible);
}

export function SecretText({ reveal, text }: SecretTextProps) {
  return <>{displayText(text, reveal)}</>;
}
