// Shows a new client secret or API key the one time the server returns it, with a copy button.
import { useState } from 'react';
import type { IssuedCredential } from '../api/auth.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { Notice } from './states.js';

export function SecretOnceDialog({ issued, onClose }: { issued: IssuedCredential | null; onClose(): void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const secret = issued?.client_secret ?? issued?.api_key ?? '';
  const kind = issued?.api_key ? 'API key' : 'Client secret';
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
    }
  };
  return (
    <Dialog
      open={issued !== null}
      onClose={onClose}
      title={`${kind} for ${issued?.application.name ?? ''}`}
      footer={
        <Button variant="primary" onClick={onClose}>
          I have saved it
        </Button>
      }
    >
      {issued && (
        <>
          <Notice tone="warning" title="Copy it now">
            <p>
              This {kind.toLowerCase()} is shown only once. Tributary keeps only a hash of it; if it is lost,
              regenerate it.
            </p>
          </Notice>
          <p className="field-label" id="client-id-label">
            Client ID
          </p>
          <div className="secret-box" aria-labelledby="client-id-label">
            <code data-testid="client-id">{issued.client_id}</code>
            <Button
              variant="ghost"
              onClick={() => void copy('id', issued.client_id)}
              aria-label="Copy client ID"
            >
              {copied === 'id' ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <p className="field-label" id="secret-label">
            {kind}
          </p>
          <div className="secret-box" aria-labelledby="secret-label">
            <code data-testid="issued-secret">{secret}</code>
            <Button
              variant="ghost"
              onClick={() => void copy('secret', secret)}
              aria-label={`Copy ${kind.toLowerCase()}`}
            >
              {copied === 'secret' ? 'Copied' : 'Copy'}
            </Button>
          </div>
          <p role="status" className="visually-hidden">
            {copied ? 'Copied to the clipboard' : ''}
          </p>
        </>
      )}
    </Dialog>
  );
}
