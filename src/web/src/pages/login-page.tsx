// Log in as a local agent. Single sign-on buttons (SAML, OpenID Connect) will sit in the marked slot.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { Button } from '../components/button.js';
import { TextField } from '../components/field.js';
import { useSession } from '../lib/session.js';

export function LoginPage() {
  const { login } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim() || !password) {
      setError('Enter your login and password.');
      return;
    }
    setBusy(true);
    try {
      await login(name.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 400))
        setError('That login and password do not match an active agent.');
      else if (err instanceof ApiError && err.status === 429)
        setError('Too many attempts. Wait a minute and try again.');
      else setError(err instanceof Error ? err.message : 'Could not log in.');
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <div className="brand brand-large" aria-hidden="true">
          <img src="/favicon.svg" alt="" width="36" height="36" /> Tributary
        </div>
        <h1>Log in</h1>
        <p className="muted">Use your Tributary agent login.</p>
        <form
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-describedby={error ? 'login-error' : undefined}
        >
          {error && (
            <div className="notice notice-error" role="alert" id="login-error">
              <p>{error}</p>
            </div>
          )}
          <TextField
            label="Login"
            name="login"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            Log in
          </Button>
        </form>
        {/* Single sign-on providers add their buttons here once SSO is configured. */}
        <div className="sso-slot" data-slot="sso" />
      </div>
    </main>
  );
}
