// A handle that resizes a panel by dragging or with the arrow keys (Shift for larger steps), as
// the WAI-ARIA window splitter pattern describes. Sizes are remembered across sessions.

import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PANEL_LIMITS, readPanelSize, savePanelSize, type PanelName } from './panel-sizes';

interface SplitterProps {
  readonly name: PanelName;
  readonly label: string;
  /** 'vertical' for a handle between side-by-side panels; 'horizontal' between stacked ones. */
  readonly orientation: 'vertical' | 'horizontal';
  /** +1 when moving the handle right or down grows the panel, -1 when it shrinks it. */
  readonly direction: 1 | -1;
}

export function Splitter({ name, label, orientation, direction }: SplitterProps) {
  const [size, setSize] = useState(() => readPanelSize(name));
  const update = (next: number) => setSize(savePanelSize(name, next));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 80 : 16;
    const grow: Record<string, number> = orientation === 'vertical' ? { ArrowLeft: -1, ArrowRight: 1 } : { ArrowUp: -1, ArrowDown: 1 };
    const sign = grow[event.key];
    if (sign !== undefined) update(size + sign * direction * step);
    else if (event.key === 'Home') update(PANEL_LIMITS[name].min);
    else if (event.key === 'End') update(PANEL_LIMITS[name].max);
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const start = orientation === 'vertical' ? event.clientX : event.clientY;
    const initial = size;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (moveEvent: globalThis.PointerEvent) => {
      const now = orientation === 'vertical' ? moveEvent.clientX : moveEvent.clientY;
      update(initial + (now - start) * direction);
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
  };
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={size}
      aria-valuemin={PANEL_LIMITS[name].min}
      aria-valuemax={PANEL_LIMITS[name].max}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  );
}
