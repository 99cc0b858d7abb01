// Settings: how e-mail (SMTP) and the master key for stored secrets are set up. Both are configured through the
// environment (see the README); this screen shows their state without revealing anything secret.
import type { ReactNode } from 'react';
import { PageHeader, Section } from '../components/page.js';
import { Badge, ErrorNotice, Loading } from '../components/states.js';
import { useResource } from '../lib/use-resource.js';

interface SettingsStatus {
  database: { dialect: string };
  masterKey: { source: string; keyFile: string | null; currentKeyId: string; readableKeys: number };
  smtp: {
    configured: boolean;
    host: string | null;
    port: number | null;
    secure: boolean;
    from: string | null;
  };
  integrator: { embedded: boolean };
  publicUrl: string | null;
  tls: boolean;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SettingsPage() {
  const res = useResource<SettingsStatus>('/settings/status');
  return (
    <>
      <PageHeader title="Settings" />
      {res.error && (
        <ErrorNotice error={res.error} title="Could not load the settings" onRetry={res.reload} />
      )}
      {!res.data && !res.error && <Loading />}
      {res.data && (
        <>
          <Section title="E-mail (SMTP)">
            <p>Used to tell agents who opted in when an integration sync fails and when it recovers.</p>
            <dl className="details">
              <Row label="Status">
                {res.data.smtp.configured ? (
                  <Badge tone="good">Configured</Badge>
                ) : (
                  <Badge tone="warn">Not configured</Badge>
                )}
              </Row>
              {res.data.smtp.configured && (
                <>
                  <Row label="Server">
                    {res.data.smtp.host ?? '—'}:{res.data.smtp.port ?? '—'}{' '}
                    {res.data.smtp.secure ? '(TLS)' : '(STARTTLS when offered)'}
                  </Row>
                  <Row label="From">{res.data.smtp.from ?? '—'}</Row>
                </>
              )}
            </dl>
            {!res.data.smtp.configured && (
              <p className="muted">
                Set <code>SMTP_URL</code> (e.g. <code>smtp://user:password@mail.example.com:587</code>) and
                optionally <code>SMTP_FROM</code>, then restart.
              </p>
            )}
          </Section>
          <Section title="Master key">
            <p>Encrypts connector secrets (client secrets, passwords) at rest.</p>
            <dl className="details">
              <Row label="Source">
                {res.data.masterKey.source === 'environment' ? (
                  <>
                    <Badge tone="good">Environment</Badge> <code>TRIBUTARY_MASTER_KEY</code>
                  </>
                ) : (
                  <>
                    <Badge tone="info">Key file</Badge> <code>{res.data.masterKey.keyFile}</code>
                  </>
                )}
              </Row>
              <Row label="Current key">
                <code>{res.data.masterKey.currentKeyId}</code>
              </Row>
              <Row label="Readable keys">{res.data.masterKey.readableKeys}</Row>
            </dl>
            {res.data.masterKey.source !== 'environment' && (
              <p className="muted">
                Back up the key file with the database: without it, stored secrets cannot be read.
              </p>
            )}
          </Section>
          <Section title="Server">
            <dl className="details">
              <Row label="Database">{res.data.database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}</Row>
              <Row label="Integrator">
                {res.data.integrator.embedded ? 'Runs inside this server' : 'Runs as separate processes'}
              </Row>
              <Row label="Public URL">{res.data.publicUrl ?? <span className="muted">Not set</span>}</Row>
              <Row label="HTTPS">{res.data.tls ? 'Yes' : 'No (put TLS in front for remote access)'}</Row>
            </dl>
          </Section>
        </>
      )}
    </>
  );
}
