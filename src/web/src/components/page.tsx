// The top of every screen: breadcrumbs, an <h1> (focused by the shell after navigation, so screen readers
// announce the new screen), and the screen's main actions.
import { useEffect, type ReactNode } from 'react';
import { Link } from './link.js';

interface PageHeaderProps {
  title: string;
  crumbs?: readonly { label: string; to: string }[];
  actions?: ReactNode;
  children?: ReactNode;
}

export function PageHeader({ title, crumbs, actions, children }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · Tributary`;
  }, [title]);
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            {crumbs.map((c) => (
              <li key={c.to}>
                <Link to={c.to}>{c.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="page-header-row">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </header>
  );
}

export function Section({
  title,
  actions,
  children,
  id,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="section" aria-labelledby={id ? `${id}-title` : undefined}>
      <div className="section-header">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {actions && <div className="section-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
