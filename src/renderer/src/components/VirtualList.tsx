import { useState, type ReactNode } from 'react';

/** Rows `[start, end)` to render so the viewport is covered, plus `overscan` rows either side. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

export interface VirtualListProps {
  readonly count: number;
  /** Every row has this height (px): that is what makes the window O(1) to find. */
  readonly rowHeight: number;
  /** Height of the scrolling viewport (px). */
  readonly height: number;
  readonly overscan?: number;
  /** React key of row `index` (stable across updates, e.g. a sequence number). */
  readonly rowKey: (index: number) => string | number;
  /** The cells of row `index`. */
  readonly renderRow: (index: number) => ReactNode;
  /** Extra class names of row `index` (its layout, its state). */
  readonly rowClassName?: (index: number) => string;
  readonly className?: string;
  /** Names the scrolling region (it is focusable, so the keyboard can scroll it). */
  readonly label: string;
}

/**
 * A windowed list: only the rows in view (and a few either side) are in the
 * DOM, absolutely placed inside a spacer as tall as all rows, so thousands of
 * rows scroll as smoothly as twenty. Rows carry `role="row"` and their
 * position (`aria-rowindex`, counting the header row as 1).
 */
export function VirtualList({ count, rowHeight, height, overscan = 6, rowKey, renderRow, rowClassName, className, label }: VirtualListProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const { start, end } = visibleRange(scrollTop, height, rowHeight, count, overscan);
  const rows: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    rows.push(
      <div key={rowKey(index)} role="row" aria-rowindex={index + 2} className={`virtual-list__row ${rowClassName?.(index) ?? ''}`} style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div
      className={`virtual-list${className ? ` ${className}` : ''}`}
      role="rowgroup"
      aria-label={label}
      tabIndex={0}
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="virtual-list__spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
