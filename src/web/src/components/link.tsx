// An <a> that navigates inside the console without a page load (ctrl/cmd-click still opens a new tab).
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { navigate, useLocation } from '../lib/router.js';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ReactNode;
  /** Marks the link aria-current="page" when the path starts with `to` (or equals it when exact). */
  activeMatch?: 'exact' | 'prefix';
}

export function Link({ to, children, activeMatch, onClick, className, ...rest }: LinkProps) {
  const { path } = useLocation();
  const active =
    activeMatch === 'exact'
      ? path === to
      : activeMatch === 'prefix'
        ? path === to || path.startsWith(`${to}/`)
        : false;
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} aria-current={active ? 'page' : undefined} className={className} {...rest}>
      {children}
    </a>
  );
}
