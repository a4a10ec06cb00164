/**
 * Settings that change the findings: the as-of date, the rule packs in use and the
 * organisation's own minimums; and the name recorded on decisions. Each is saved
 * when the user commits it (a bad value is refused with the reason, never stored).
 */
import { IsoDateInput } from '../forms/iso-date-input';
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_RULE_PACKS, PART_LIST_LABELS } from '../../../shared/engine';
import { parseDayDate, todayIso } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { ValidationError } from '../../db/errors';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { useUiStore } from '../../state/ui-store';
import { PACK_NOTES, POLICY_NOTE } from '../../../shared/engine/pack-notes';

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.join('; ');
  return error instanceof Error ? error.message : String(error);
}

function saved(message: string) {
  useUiStore.getState().pushNotice({ kind: 'success', message });
}

export function AsOfDatePanel() {
  const db = useDb();
  const stored = useLiveQuery(async () => (await getSetting(db, 'asOfDate')) ?? null, [db]);
  return <AsOfDateForm stored={stored} />;
}

function AsOfDateForm({ stored }: { stored: string | null | undefined }) {
  const db = useDb();
  const id = useId();
  const [text, setText] = useState(stored ?? '');
  const [error, setError] = useState<string | null>(null);
  // The field follows the stored value when it changes (saved here or elsewhere), without remounting (focus stays).
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setText(stored ?? '');
  }

  const save = async (value: string | null) => {
    setError(null);
    if (value !== null) {
      const r = parseDayDate(value);
      if (!r.ok) {
        setError(value ? r.reason : 'Choose a day, or use "Follow today".');
        return;
      }
    }
    try {
      await setSetting(db, 'asOfDate', value);
      saved(value ? `Findings are now computed as of ${value}.` : 'Findings now follow today’s date.');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(text);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>As-of date</h2>
      <p>Findings and plans are computed for this day. <span data-testid="as-of-state">{stored === undefined ? '' : stored === null ? `Following today (${todayIso()}).` : `Fixed at ${stored}.`}</span></p>
      <form className="field-row" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-date`}>As-of day</label>
          <IsoDateInput id={`${id}-date`} value={text} onChange={setText} error={error} aria-describedby={error ? `${id}-error` : undefined} />
        </div>
        <button type="submit" className="primary">Set as-of date</button>
        <button type="button" onClick={() => { setText(todayIso()); void save(todayIso()); }}>Today</button>
        <button type="button" onClick={() => void save(null)} disabled={stored === null}>Follow today</button>
      </form>
      {error && <p id={`${id}-error`} className="field-error" role="alert">{error}</p>}
      <p className="hint">"Today" fixes the date to today; "Follow today" moves with the calendar.</p>
    </section>
  );
}

export function RulePacksPanel() {
  const db = useDb();
  const id = useId();
  const enabled = useLiveQuery(async () => (await getSetting(db, 'enabledRulePacks')) ?? null, [db]);
  const [error, setError] = useState<string | null>(null);
  const isOn = (packId: string) => enabled === null || enabled === undefined || enabled.includes(packId);

  const toggle = async (packId: string, on: boolean) => {
    setError(null);
    const current = DEFAULT_RULE_PACKS.map((p) => p.id).filter(isOn);
    const next = on ? [...new Set([...current, packId])] : current.filter((p) => p !== packId);
    // Keep the built-in order, so the stored value does not depend on click order.
    const ordered = DEFAULT_RULE_PACKS.map((p) => p.id).filter((p) => next.includes(p));
    try {
      await setSetting(db, 'enabledRulePacks', ordered);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Rule packs</h2>
      <p>The laws and standards findings are checked against. A rule that rests on a law runs only while its pack is on; engineering rules always run.</p>
      <ul className="rule-pack-list">
        {DEFAULT_RULE_PACKS.map((pack) => {
          const note = PACK_NOTES[pack.id];
          return (
            <li key={pack.id} className="rule-pack">
              <div className="rule-pack-head">
                <input id={`${id}-${pack.id}`} type="checkbox" checked={isOn(pack.id)} disabled={enabled === undefined} onChange={(e) => void toggle(pack.id, e.target.checked)} />
                <label htmlFor={`${id}-${pack.id}`}>
                  <strong>{pack.title}</strong> <span className="hint">({pack.id} {pack.version})</span>
                </label>
              </div>
              {note && <p className="uncertain"><span aria-hidden="true">(?) </span>{note}</p>}
              <details>
                <summary>
                  Provisions ({pack.provisions.length}
                  {pack.provisions.some((p) => !p.verified) ? `, ${pack.provisions.filter((p) => !p.verified).length} uncertain` : ', all verified'})
                  <span className="visually-hidden"> of {pack.title}</span>
                </summary>
                <ul className="plan-list">
                  {pack.provisions.map((p) => (
                    <li key={p.key}>
                      <span className={p.verified ? 'prov-status prov-verified' : 'prov-status prov-uncertain'}>{p.verified ? 'Verified' : '(?) Uncertain'}</span>{' '}
                      <strong>{p.id}</strong> {p.title}: {p.text}
                    </li>
                  ))}
                </ul>
                {pack.categories.some((c) => c.parts && c.parts.length > 0) && (
                  <>
                    <h4>Spare parts per category</h4>
                    {pack.categories.filter((c) => c.parts && c.parts.length > 0).map((c) => (
                      <table key={c.category} className="plan-compare" aria-label={`Spare parts: ${c.category}`}>
                        <caption>{c.category} (from {c.from})</caption>
                        <thead><tr><th scope="col">Part</th><th scope="col">List</th><th scope="col">Years</th><th scope="col">Component roles</th><th scope="col">Checked</th></tr></thead>
                        <tbody>
                          {c.parts!.map((part) => (
                            <tr key={part.part}>
                              <td>{part.part}</td>
                              <td>{PART_LIST_LABELS[part.list]}</td>
                              <td>{part.years}</td>
                              <td>{part.roles.join(', ')}</td>
                              <td>{part.verified ? 'Verified' : '(?) Uncertain'}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ))}
                  </>
                )}
              </details>
            </li>
          );
        })}
      </ul>
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}

function parseYears(text: string, label: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const t = text.trim();
  if (!t) return { ok: true, value: null };
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, reason: `${label}: "${t}" is not a number of years` };
  const n = Number(t);
  if (n <= 0 || n > 100) return { ok: false, reason: `${label}: ${t} must be more than 0 and at most 100 years` };
  return { ok: true, value: n };
}

export function PolicyPanel() {
  const db = useDb();
  const stored = useLiveQuery(async () => (await getSetting(db, 'orgPolicy')) ?? null, [db]);
  // Rendered once the stored value is read, so nothing typed is replaced by it.
  return stored === undefined ? null : <PolicyForm stored={stored} />;
}

function PolicyForm({ stored }: { stored: { minSupportYears: number | null; minSpareYears: number | null } | null }) {
  const db = useDb();
  const id = useId();
  const [support, setSupport] = useState(stored?.minSupportYears == null ? '' : String(stored.minSupportYears));
  const [spares, setSpares] = useState(stored?.minSpareYears == null ? '' : String(stored.minSpareYears));
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const a = parseYears(support, 'Minimum security support');
    const b = parseYears(spares, 'Minimum spare parts');
    const problems = [a, b].flatMap((r) => (r.ok ? [] : [r.reason]));
    setErrors(problems);
    if (!a.ok || !b.ok) return;
    try {
      await setSetting(db, 'orgPolicy', { minSupportYears: a.value, minSpareYears: b.value });
      saved('Organisation policy saved.');
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Organisation policy</h2>
      <p>Your own minimums, counted from the last unit placed on the market. Findings from them are medium severity (stricter than the law, not a breach). Leave a field empty for no policy.</p>
      <p className="uncertain"><span aria-hidden="true">(?) </span>{POLICY_NOTE}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-support`}>Minimum security support (years)</label>
            <input id={`${id}-support`} inputMode="decimal" value={support} onChange={(e) => setSupport(e.target.value)} aria-invalid={errors.some((x) => x.startsWith('Minimum security')) ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-spares`}>Minimum spare parts (years)</label>
            <input id={`${id}-spares`} inputMode="decimal" value={spares} onChange={(e) => setSpares(e.target.value)} aria-invalid={errors.some((x) => x.startsWith('Minimum spare')) ? true : undefined} />
          </div>
          <button type="submit" className="primary">Save policy</button>
        </div>
      </form>
      {errors.length > 0 && (
        <ul className="field-error" role="alert">
          {errors.map((e) => <li key={e}>{e}</li>)}
        </ul>
      )}
    </section>
  );
}

export function UserNamePanel() {
  const db = useDb();
  const stored = useLiveQuery(async () => (await getSetting(db, 'userName')) ?? '', [db]);
  return stored === undefined ? null : <UserNameForm stored={stored} />;
}

function UserNameForm({ stored }: { stored: string }) {
  const db = useDb();
  const id = useId();
  const [name, setName] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await setSetting(db, 'userName', name.trim());
      saved(name.trim() ? `Decisions will be recorded as taken by ${name.trim()}.` : 'Your name was cleared; decisions will ask for it.');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h2 id={`${id}-title`}>Your name</h2>
      <p>Recorded with every decision on a finding (who accepted a risk or recorded a mitigation). Kept on this computer and exported with decisions.</p>
      <form className="field-row" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={200} />
        </div>
        <button type="submit" className="primary">Save name</button>
      </form>
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
