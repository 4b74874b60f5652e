import { describe, expect, it } from 'vitest';
import { clipText, secretSafeCut } from '../../../shared/secrets/cut';
import { findSecrets, maskSecrets } from '../../../shared/secrets/mask';
import { oneLine } from '../../../shared/formats/values';

const TOKEN = `IQoJb3JpZ2luX2VjEOH//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'A'.repeat(300)}`;
const TEXT = `# profile written by the setup script for the staging account\n[default]\naws_session_token = ${TOKEN}\nregion = us-east-1`;

describe('secretSafeCut', () => {
  it('leaves a cut between words', () => {
    expect(secretSafeCut('one two three', 4)).toBe(4);
  });

  it('moves a cut off a secret to its start', () => {
    const start = TEXT.indexOf(TOKEN);
    expect(secretSafeCut(TEXT, start + 20)).toBe(start);
  });

  it('moves a cut past a secret near the start', () => {
    const text = `token=${TOKEN} and more`;
    expect(secretSafeCut(text, 40)).toBe(text.indexOf(' and'));
  });
});

describe('secretSafeCut on private keys', () => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACD\n-----END OPENSSH PRIVATE KEY-----';

  it('cuts before a key block', () => {
    const text = `${'cat output of the deploy script follows here. '.repeat(3)}${key}\ntail`;
    expect(secretSafeCut(text, text.indexOf('QyNT'))).toBe(text.indexOf('-----BEGIN'));
  });

  it('moves past a key block at the start', () => {
    const text = `${key}\ntail of the file`;
    expect(secretSafeCut(text, 40)).toBe(key.length);
  });

  it('leaves a cut after the block', () => {
    const text = `${key}\ntail of the file`;
    expect(secretSafeCut(text, key.length + 6)).toBe(key.length + 6);
  });
});

describe('clipText', () => {
  it('keeps short text whole', () => {
    expect(clipText('short', 10)).toBe('short');
  });

  it('never leaves part of a secret', () => {
    for (const max of [20, 40, 60, 100, 200, 300]) {
      const clipped = clipText(TEXT, max);
      const kept = findSecrets(clipped).map((match) => clipped.slice(match.start, match.end));
      for (const value of kept) expect(TOKEN).toBe(value);
    }
  });
});

describe('oneLine', () => {
  it('gives a cut token the fingerprint of the whole', () => {
    const whole = maskSecrets(TEXT).match(/fp:[0-9a-f]{16}/)![0];
    const prints = [60, 100, 140, 200].flatMap((max) => maskSecrets(oneLine(`returned: aws_session_token = ${TOKEN} done`, max)).match(/fp:[0-9a-f]{16}/g) ?? []);
    expect(prints.length).toBeGreaterThan(0);
    for (const print of prints) expect(print).toBe(whole);
  });
});
