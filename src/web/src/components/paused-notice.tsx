// A paused instance, said loudly: the integrator stopped scheduling it after repeated failures, why, and a
// "Resume" button (clears the pause and the failure count; the next scheduled run goes ahead).
import { useState } from 'react';
import { errorMessage } from '../api/client.js';
import { integrations, type Instance } from '../api/integrations.js';
import { Button } from './button.js';
import { useToast } from './toast.js';

export function PausedNotice({
  instance,
  onResumed,
}: {
  instance: Pick<Instance, 'id' | 'name' | 'status'>;
  onResumed: () => void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!instance.status.pausedReason) return null;
  const resume = async () => {
    setBusy(true);
    try {
      await integrations.resume(instance.id);
      toast.show(`${instance.name} resumed`);
      onResumed();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Paused: no scheduled runs until resumed</p>
      <p>{instance.status.pausedReason}</p>
      <Button
        variant="primary"
        busy={busy}
        onClick={() => void resume()}
        aria-label={`Resume ${instance.name}`}
      >
        Resume
      </Button>
    </div>
  );
}
