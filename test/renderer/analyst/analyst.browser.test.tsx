import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { AnalystDb } from '../../../renderer/analyst/db';
import { newRecordId } from '../../../renderer/analyst/ids';
import { ensureSigningKey, keyFingerprint, signerFor } from '../../../renderer/analyst/keys';
import { Markdown } from '../../../renderer/analyst/markdown';
import { deleteAnnotation, resolveConflict, saveAnnotation, saveReview, setAnalystName } from '../../../renderer/analyst/store';
import { mergeRecords, versionHasher } from '../../../shared/case-file/merge';
import { verifyCaseFile } from '../../../shared/case-file/verify';
import { writeCaseFileBytes } from '../../../shared/case-file/write';
import { bytesFile } from '../../../shared/case-file/zip-access';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function freshAnalystDb(): AnalystDb {
  return new AnalystDb(`custody-analyst-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`);
}

async function render(source: string): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  await act(async () => root.render(<Markdown source={source} />));
  return host;
}

const DRAFT = { targetKind: 'event' as const, targetId: 'e1', session: 's1', label: 'suspicious', severity: 'high' as const, note: 'first' };

describe('Markdown notes', () => {
  it('renders structure as elements', async () => {
    const host = await render('# Title\n\n- **bold** item\n- `code`\n\n1. one\n2. two\n\n> quoted\n\n```\nraw <b>\n```');
    expect(host.querySelector('h4')?.textContent).toBe('Title');
    expect(host.querySelector('ul strong')?.textContent).toBe('bold');
    expect(host.querySelector('ul code')?.textContent).toBe('code');
    expect(host.querySelectorAll('ol li')).toHaveLength(2);
    expect(host.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(host.querySelector('pre')?.textContent).toBe('raw <b>');
  });

  it('shows raw HTML as text', async () => {
    const host = await render('<img src=x onerror="window.hit=1"><script>window.hit=2</script>');
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('script')).toBeNull();
    expect(host.textContent).toContain('<img src=x onerror=');
    expect((window as { hit?: number }).hit).toBeUndefined();
  });

  it('shows links as text', async () => {
    const host = await render('see [here](javascript:alert(1)) and <https://example.invalid/a>');
    expect(host.querySelector('a')).toBeNull();
    expect(host.textContent).toContain('here [javascript:alert(1]');
    expect(host.textContent).toContain('https://example.invalid/a');
  });
});

describe('analyst store', () => {
  it('requires an analyst name', async () => {
    const db = freshAnalystDb();
    await expect(saveAnnotation(DRAFT, undefined, db)).rejects.toThrow(/No analyst name/);
    db.close();
  });

  it('stamps, edits and logs annotations', async () => {
    const db = freshAnalystDb();
    await setAnalystName('Ann', db);
    const created = await saveAnnotation(DRAFT, undefined, db);
    expect(created.author).toBe('Ann');
    expect(created.id).toMatch(/^[0-9a-z]{9}-[0-9a-f]{16}$/);
    const edited = await saveAnnotation({ ...DRAFT, note: 'second' }, created.id, db);
    expect(edited.id).toBe(created.id);
    expect(edited.createdAt).toBe(created.createdAt);
    expect((await db.annotations.get(created.id))?.note).toBe('second');
    await deleteAnnotation(created.id, db);
    expect(await db.annotations.count()).toBe(0);
    expect((await db.log.toArray()).map((entry) => entry.action)).toEqual(['annotate', 'annotate', 'remove']);
    db.close();
  });

  it('keeps one review per analyst and link', async () => {
    const db = freshAnalystDb();
    await setAnalystName('Ann', db);
    await saveReview('a->b', 'confirmed', '', db);
    await saveReview('a->b', 'rejected', 'clock skew', db);
    const reviews = await db.reviews.toArray();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.verdict).toBe('rejected');
    db.close();
  });

  it('resolves a conflict to one version', async () => {
    const db = freshAnalystDb();
    await setAnalystName('Carol', db);
    const created = await saveAnnotation(DRAFT, undefined, db);
    await db.annotations.put({ ...created, conflicts: [{ ...created, label: 'benign', author: 'Bob' }] });
    await resolveConflict('annotations', created.id, 1, db);
    const resolved = await db.annotations.get(created.id);
    expect(resolved?.label).toBe('benign');
    expect(resolved?.conflicts).toBeUndefined();
    db.close();
  });

  it('remembers the rejected version', async () => {
    const db = freshAnalystDb();
    await setAnalystName('Carol', db);
    const created = await saveAnnotation(DRAFT, undefined, db);
    await db.annotations.put({ ...created, conflicts: [{ ...created, label: 'benign', author: 'Bob' }] });
    await resolveConflict('annotations', created.id, 1, db);
    const hash = await versionHasher();
    expect((await db.annotations.get(created.id))?.rejected).toEqual([hash(created)]);
    // Importing the rejected version again changes nothing.
    expect(mergeRecords(await db.annotations.toArray(), [created], hash).conflicts).toBe(0);
    // An edit keeps the rejected list.
    await saveAnnotation({ ...DRAFT, note: 'Edited after the resolution.' }, created.id, db);
    expect((await db.annotations.get(created.id))?.rejected).toEqual([hash(created)]);
    db.close();
  });

  it('orders record ids by time', () => {
    expect(newRecordId(1000) < newRecordId(2000)).toBe(true);
  });
});

describe('signing key', () => {
  it('signs case files that verify', async () => {
    const db = freshAnalystDb();
    const key = await ensureSigningKey(db);
    expect((await ensureSigningKey(db)).publicKey).toEqual(key.publicKey);
    // The private key cannot be exported from this profile.
    await expect(crypto.subtle.exportKey('pkcs8', key.pair.privateKey)).rejects.toThrow();
    const bytes = await writeCaseFileBytes(
      { caseId: 'c', title: 't', examiner: 'Ann', createdAt: 0, exportedAt: 0, app: { name: 'custody', version: '0' }, annotations: [], chains: [], reviews: [], log: [], bundles: null },
      { signer: signerFor(key) },
    );
    const verification = await verifyCaseFile(bytesFile(bytes));
    expect(verification.ok).toBe(true);
    expect(verification.signature).toMatchObject({ status: 'valid', fingerprint: await keyFingerprint(key) });
    db.close();
  });
});
