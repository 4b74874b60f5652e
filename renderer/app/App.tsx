// The application shell: navigation, file and folder pickers, drag and drop anywhere in the
// window, import progress, and the current view.

import { useEffect, useRef, useState } from 'react';
import { desktopBridge, importInputFromBridge, pickWithBridge } from '../bridge/desktop';
import type { BundleRow } from '../data';
import { folderFromPicker, inputsFromDrop } from '../input/collect';
import { FindingsView } from '../views/findings/FindingsView';
import { LibraryView } from '../views/library/LibraryView';
import { CaseView } from '../views/case/CaseView';
import { SessionsView } from '../views/sessions/SessionsView';
import { WorkspaceView } from '../views/workspace/WorkspaceView';
import { CommandLayer } from './CommandLayer';
import { ImportBar } from './ImportBar';
import { useRoute } from './route';
import { useImports } from './useImports';

export function App() {
  const route = useRoute();
  const imports = useImports();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  /** Bundle that the next pick from the hidden inputs resumes; null for a new import. */
  const resumeTarget = useRef<string | null>(null);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      event.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (event.dataTransfer) void inputsFromDrop(event.dataTransfer).then(imports.enqueue);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [imports.enqueue]);

  useEffect(() => {
    const bridge = desktopBridge();
    if (!bridge) return;
    return bridge.onDidRequestOpen((request) => {
      for (const failure of request.failures) imports.report(failure.location, failure.error.message);
      void Promise.all(request.bundles.map((bundle) => importInputFromBridge(bridge, bundle))).then(imports.enqueue, (error: unknown) => imports.report('Open', error instanceof Error ? error.message : String(error)));
    });
  }, [imports.enqueue, imports.report]);

  const pick = (kind: 'files' | 'folder', input: HTMLInputElement | null) => {
    resumeTarget.current = null;
    const bridge = desktopBridge();
    if (bridge) void pickWithBridge(bridge, kind).then(imports.enqueue, (error: unknown) => imports.report('Open', error instanceof Error ? error.message : String(error)));
    else input?.click();
  };
  const openFile = () => pick('files', fileInput.current);
  const openFolder = () => pick('folder', folderInput.current);
  const resumeBundle = (bundle: BundleRow) => {
    const kind = bundle.kind === 'folder' ? 'folder' : 'files';
    const bridge = desktopBridge();
    if (bridge) {
      void pickWithBridge(bridge, kind).then(
        (inputs) => inputs[0] && imports.resume(bundle.id, inputs[0]),
        (error: unknown) => imports.report('Resume', error instanceof Error ? error.message : String(error)),
      );
      return;
    }
    resumeTarget.current = bundle.id;
    (kind === 'folder' ? folderInput.current : fileInput.current)?.click();
  };
  const takeResumeTarget = () => {
    const target = resumeTarget.current;
    resumeTarget.current = null;
    return target;
  };

  return (
    <div className={`app${dragging ? ' dragging' : ''}`}>
      <a className="skip-link" href="#main" onClick={(click) => { click.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="app-head">
        <strong className="brand">Custody</strong>
        <nav aria-label="Views">
          <a href="#/library" aria-current={route.view === 'library' ? 'page' : undefined}>
            Library
          </a>
          <a href="#/sessions" aria-current={route.view === 'sessions' || route.view === 'session' ? 'page' : undefined}>
            Sessions
          </a>
          <a href="#/findings" aria-current={route.view === 'findings' ? 'page' : undefined}>
            Findings
          </a>
          <a href="#/case" aria-current={route.view === 'case' ? 'page' : undefined}>
            Case
          </a>
        </nav>
        <span className="spacer" />
        <button type="button" onClick={openFile}>
          Open file…
        </button>
        <button type="button" onClick={openFolder}>
          Open folder…
        </button>
        <CommandLayer openFile={openFile} openFolder={openFolder} enqueue={imports.enqueue} report={imports.report} />
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(change) => {
            const files = Array.from(change.target.files ?? []);
            const target = takeResumeTarget();
            if (target && files[0]) imports.resume(target, { kind: 'file', file: files[0] });
            else imports.enqueue(files.map((file) => ({ kind: 'file', file })));
            change.target.value = '';
          }}
        />
        <input
          ref={(element) => {
            folderInput.current = element;
            element?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          hidden
          data-testid="folder-input"
          onChange={(change) => {
            const input = change.target.files ? folderFromPicker(change.target.files) : null;
            const target = takeResumeTarget();
            if (input && target) imports.resume(target, input);
            else if (input) imports.enqueue([input]);
            change.target.value = '';
          }}
        />
      </header>
      <ImportBar imports={imports} />
      <main id="main" tabIndex={-1}>
        {route.view === 'library' && <LibraryView onOpenFile={openFile} onOpenFolder={openFolder} onResume={resumeBundle} />}
        {route.view === 'sessions' && <SessionsView />}
        {route.view === 'findings' && <FindingsView />}
        {route.view === 'session' && <WorkspaceView key={route.id} sessionId={route.id} />}
        {route.view === 'case' && <CaseView />}
      </main>
      {dragging && <div className="drop-overlay">Drop to import</div>}
      <footer className="app-foot">Evidence stays on this machine; Custody opens no network connection.</footer>
    </div>
  );
}
