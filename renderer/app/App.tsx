// The application shell: navigation, file and folder pickers, drag and drop anywhere in the
// window, import progress, and the current view.

import { useEffect, useRef, useState } from 'react';
import { desktopBridge, importInputFromBridge, pickWithBridge } from '../bridge/desktop';
import { folderFromPicker, inputsFromDrop } from '../input/collect';
import { FindingsView } from '../views/findings/FindingsView';
import { LibraryView } from '../views/library/LibraryView';
import { CaseView } from '../views/case/CaseView';
import { SessionsView } from '../views/sessions/SessionsView';
import { WorkspaceView } from '../views/workspace/WorkspaceView';
import { ImportBar } from './ImportBar';
import { useRoute } from './route';
import { useImports } from './useImports';

export function App() {
  const route = useRoute();
  const imports = useImports();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

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
    const bridge = desktopBridge();
    if (bridge) void pickWithBridge(bridge, kind).then(imports.enqueue, (error: unknown) => imports.report('Open', error instanceof Error ? error.message : String(error)));
    else input?.click();
  };
  const openFile = () => pick('files', fileInput.current);
  const openFolder = () => pick('folder', folderInput.current);

  return (
    <div className={`app${dragging ? ' dragging' : ''}`}>
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
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(change) => {
            const files = Array.from(change.target.files ?? []);
            imports.enqueue(files.map((file) => ({ kind: 'file', file })));
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
            if (input) imports.enqueue([input]);
            change.target.value = '';
          }}
        />
      </header>
      <ImportBar imports={imports} />
      <main>
        {route.view === 'library' && <LibraryView onOpenFile={openFile} onOpenFolder={openFolder} />}
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
