// A modal built on <dialog>: showModal() traps focus and makes the page inert; Escape closes it; focus goes
// to the first field on open and back to whatever opened it on close.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons for the footer. */
  footer?: ReactNode;
  wide?: boolean;
}

export function Dialog({ open, title, onClose, children, footer, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  const shown = useRef(false);

  const restoreFocus = () => {
    const target = opener.current;
    opener.current = null;
    if (target instanceof HTMLElement && target.isConnected) target.focus();
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      opener.current = document.activeElement;
      el.showModal();
      shown.current = true;
      const first = el.querySelector<HTMLElement>(
        'input:not([type=hidden]), select, textarea, [data-autofocus]',
      );
      (first ?? el.querySelector<HTMLElement>('button'))?.focus();
    } else if (!open && el.open) {
      el.close();
      shown.current = false;
      restoreFocus();
    }
  }, [open]);

  // A dialog removed while open (its parent stopped rendering it) must still hand focus back. Checked a tick
  // later so React's development double-run of effects (which keeps the element) is not mistaken for removal.
  useEffect(() => {
    const el = ref.current;
    return () => {
      window.setTimeout(() => {
        if (shown.current && el && !el.isConnected) restoreFocus();
      }, 0);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn btn-ghost icon-button" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}
