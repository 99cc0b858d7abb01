// Integrator: whether and when this connection syncs on its own, what it syncs, the deletion guard, Last Sync and
// Last Error, and the run history with a chart.
import { useCallback, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { integrations, type Run } from '../../api/integrations.js';
import { Button } from '../../components/button.js';
import { Checkbox, SelectField, TextField } from '../../components/field.js';
import { Link } from '../../components/link.js';
import { PausedNotice } from '../../components/paused-notice.js';
import { Section } from '../../components/page.js';
import { RunChart } from '../../components/run-chart.js';
import { RunsTable } from '../../components/runs-table.js';
import { ErrorNotice, Loading, Notice } from '../../components/states.js';
import { useToast } from '../../components/toast.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { describeSchedule, nextRunOf } from '../../lib/schedule.js';
import { usePolling, useResource } from '../../lib/use-resource.js';
import { FieldsToSync, fieldMappingsToSave, initialFieldChoice } from './fields-to-sync.js';
import type { InstanceTabProps } from './instance-page.js';

export function IntegratorTab({ instance, connector, reload }: InstanceTabProps) {
  const toast = useToast();
  const runs = useResource<Run[]>(integrations.runs(instance.id, 30));
  const [enabled, setEnabled] = useState(instance.enabled);
  const [schedule, setSchedule] = useState(instance.schedule);
  const [entities, setEntities] = useState<string[]>(instance.entities ?? connector.entities);
  const [unmapped, setUnmapped] = useState(instance.unmappedPolicy);
  const [leavers, setLeavers] = useState(instance.userLeaverPolicy);
  /** Connectors that import people (directories) inactivate leavers by the instance's policy. */
  const importsPeople = connector.entities.includes('users') || connector.entities.includes('agents');
  const [fields, setFields] = useState(() => initialFieldChoice(instance, connector));
  const [sweepAbs, setSweepAbs] = useState(String(instance.sweepMaxAbsolute));
  const [sweepPct, setSweepPct] = useState(String(instance.sweepMaxPercent));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [starting, setStarting] = useState(false);

  const active =
    instance.status.runningRunId !== null || (runs.data ?? []).some((r) => r.status === 'running');
  usePolling(
    useCallback(async () => {
      runs.reload();
      reload();
    }, [runs.reload, reload]),
    active ? 1000 : 15000,
    true,
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!/^(\S+\s+){4,5}\S+$/.test(schedule.trim()))
      local.schedule = 'must be a cron expression with 5 or 6 fields, e.g. 0 * * * *';
    if (entities.length === 0) local.entities = 'choose at least one';
    if (!/^\d+$/.test(sweepAbs)) local.sweepMaxAbsolute = 'must be a whole number';
    if (!/^\d+$/.test(sweepPct) || Number(sweepPct) > 100)
      local.sweepMaxPercent = 'must be a whole number from 0 to 100';
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setFormError(null);
    setSaving(true);
    try {
      const fieldMappings = fieldMappingsToSave(instance, connector, fields);
      await integrations.updateInstance(instance.id, {
        ...(fieldMappings ? { fieldMappings } : {}),
        enabled,
        schedule: schedule.trim(),
        entities,
        unmappedPolicy: unmapped,
        ...(importsPeople ? { userLeaverPolicy: leavers } : {}),
        sweepMaxAbsolute: Number(sweepAbs),
        sweepMaxPercent: Number(sweepPct),
      });
      toast.show('Integrator settings saved');
      reload();
    } catch (err) {
      if (err instanceof ApiError) {
        const f = (n: string) => err.fieldError(n);
        setErrors(
          Object.fromEntries(
            [
              'schedule',
              'entities',
              'sweepMaxAbsolute',
              'sweepMaxPercent',
              'unmappedPolicy',
              'userLeaverPolicy',
            ]
              .map((n) => [n, f(n) ?? ''])
              .filter(([, v]) => v),
          ),
        );
        setFormError(`${err.message} Nothing was saved.`);
      } else setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const runNow = async () => {
    setStarting(true);
    try {
      const run = await integrations.startRun(instance.id, { dryRun: false });
      toast.show(`Run #${run.id} started`);
      runs.reload();
      reload();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setStarting(false);
    }
  };

  const s = instance.status;
  const next = nextRunOf(instance);
  const waiting = (runs.data ?? []).filter((r) => r.status === 'needs_approval' && !r.sweepDecision);
  return (
    <>
      <Section
        title="Status"
        actions={
          <Button variant="primary" busy={starting} disabled={active} onClick={() => void runNow()}>
            {active ? 'Running…' : 'Run now'}
          </Button>
        }
      >
        <PausedNotice
          instance={instance}
          onResumed={() => {
            setEnabled(true);
            reload();
          }}
        />
        <dl className="details">
          <div className="details-row">
            <dt>Last Sync</dt>
            <dd>
              {s.lastSyncAt ? (
                <>
                  {formatDateTime(s.lastSyncAt)}{' '}
                  <span className="muted">({formatRelative(s.lastSyncAt)})</span>
                </>
              ) : (
                'Never'
              )}
            </dd>
          </div>
          <div className="details-row">
            <dt>Last Error</dt>
            <dd className={s.lastError ? 'error-text' : undefined}>
              {s.lastError
                ? `${s.lastError}${s.lastErrorAt ? ` (${formatDateTime(s.lastErrorAt)})` : ''}`
                : 'None'}
            </dd>
          </div>
          <div className="details-row">
            <dt>Next run</dt>
            <dd>
              {next
                ? `${formatDateTime(next.toISOString())} (${describeSchedule(instance.schedule)})`
                : instance.enabled
                  ? 'Not scheduled'
                  : 'Disabled'}
            </dd>
          </div>
          {s.pausedReason && (
            <div className="details-row">
              <dt>Paused</dt>
              <dd className="error-text">{s.pausedReason}</dd>
            </div>
          )}
          {s.consecutiveFailures > 0 && (
            <div className="details-row">
              <dt>Failures in a row</dt>
              <dd>{s.consecutiveFailures}</dd>
            </div>
          )}
        </dl>
        {waiting.map((r) => (
          <Notice key={r.id} tone="warning" title={`Run #${r.id} is waiting for approval`}>
            <p>
              It would deactivate more records than the deletion guard allows.{' '}
              <Link to={`/instances/${instance.id}/runs/${r.id}`}>Review it</Link>.
            </p>
          </Notice>
        ))}
      </Section>
      <Section title="Halo Integrator settings">
        <form className="form" noValidate onSubmit={(e) => void save(e)}>
          {formError && (
            <div className="notice notice-error" role="alert">
              <p>{formError}</p>
            </div>
          )}
          <Checkbox
            label="Enabled: sync on the schedule"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          <TextField
            label="Schedule (cron)"
            name="schedule"
            required
            value={schedule}
            error={errors.schedule}
            hint={`Minute hour day month weekday. Now: ${describeSchedule(schedule)}.`}
            onChange={(e) => setSchedule(e.target.value)}
          />
          <fieldset
            className={`fieldset${errors.entities ? ' field-invalid' : ''}`}
            aria-describedby={errors.entities ? 'entities-error' : undefined}
          >
            <legend>Entities to sync</legend>
            {connector.entities.map((en) => (
              <Checkbox
                key={en}
                label={en.charAt(0).toUpperCase() + en.slice(1)}
                checked={entities.includes(en)}
                onChange={(ev) =>
                  setEntities((cur) => (ev.target.checked ? [...cur, en] : cur.filter((x) => x !== en)))
                }
              />
            ))}
            {errors.entities && (
              <p className="field-error" id="entities-error">
                {errors.entities}
              </p>
            )}
          </fieldset>
          <FieldsToSync connector={connector} entities={entities} choice={fields} onChange={setFields} />
          <SelectField
            label={`Unmapped ${connector.containerLabel}s`}
            value={unmapped}
            error={errors.unmappedPolicy}
            options={[
              { value: 'skip', label: 'Skip them until they are mapped' },
              { value: 'create_customer', label: 'Create a new customer for each' },
            ]}
            onChange={(e) => setUnmapped(e.target.value as typeof unmapped)}
          />
          {importsPeople && (
            <SelectField
              label="People who leave the directory"
              value={leavers}
              error={errors.userLeaverPolicy}
              hint="Disabled accounts always become inactive; this is for people no longer in a complete read."
              options={[
                { value: 'no_tickets', label: 'Inactivate them only if they have no tickets' },
                { value: 'always', label: 'Always inactivate them' },
                { value: 'never', label: 'Never inactivate them' },
              ]}
              onChange={(e) => setLeavers(e.target.value as typeof leavers)}
            />
          )}
          <div className="grid-2">
            <TextField
              label="Deletion guard: most records"
              name="sweepMaxAbsolute"
              inputMode="numeric"
              value={sweepAbs}
              error={errors.sweepMaxAbsolute}
              hint="A run that would deactivate more waits for approval."
              onChange={(e) => setSweepAbs(e.target.value)}
            />
            <TextField
              label="Deletion guard: most percent"
              name="sweepMaxPercent"
              inputMode="numeric"
              value={sweepPct}
              error={errors.sweepMaxPercent}
              hint="Of the records this connection manages."
              onChange={(e) => setSweepPct(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={saving}>
              Save
            </Button>
          </div>
        </form>
      </Section>
      <Section title="Run history">
        {runs.error && (
          <ErrorNotice error={runs.error} title="Could not load the runs" onRetry={runs.reload} />
        )}
        {!runs.data && !runs.error && <Loading />}
        {runs.data && (
          <>
            <RunChart runs={runs.data} width={560} height={90} />
            <RunsTable instanceId={instance.id} runs={runs.data} />
          </>
        )}
      </Section>
    </>
  );
}
