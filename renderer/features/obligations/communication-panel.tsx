/**
 * End-of-support communication of one product: the plan (notice months before
 * the effective support end, channels, what stops, what to do, contact,
 * automatic updates), the notices it gives with their dates and filled text,
 * an iCalendar feed of them, the support-period disclosure shown at purchase
 * and the fields a labelling registry asks for. Presentational: the plan is
 * saved through `onSave`, files through `onSaveFile`.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Product, ProductLine } from '../../../shared/domain';
import {
  CHANNELS, CHANNEL_LABELS, communicationPlanSchema, noticeMilestones, noticesFor, purchaseDisclosure, registryFields,
  type Channel, type CommunicationPlan,
} from '../../../shared/obligations/communication';
import { toICalendar } from '../../../shared/interop';
import { formatCount, formatDate } from '../../../shared/format/format';

export interface CommunicationPanelProps {
  product: Product;
  line: ProductLine | undefined;
  plan: CommunicationPlan;
  /** True when no plan is stored yet (the defaults are shown). */
  isDefault: boolean;
  onSave(plan: CommunicationPlan): Promise<void>;
  onSaveFile(file: { name: string; bytes: Uint8Array; mimeType: string; what: string; ext: string }): Promise<void>;
  appVersion: string;
  /** The as-of date: notices before it are marked as past. */
  asOf: string;
}

interface Draft {
  months: string;
  channels: Channel[];
  whatStops: string;
  whatToDo: string;
  contact: string;
  automatic: 'yes' | 'no' | '';
}

function draftOf(plan: CommunicationPlan): Draft {
  return {
    months: plan.noticeMonths.join(', '),
    channels: [...plan.channels],
    whatStops: plan.whatStops,
    whatToDo: plan.whatToDo,
    contact: plan.contact,
    automatic: plan.automaticUpdates === null ? '' : plan.automaticUpdates ? 'yes' : 'no',
  };
}

/** "12, 6, 0" → [12, 6, 0]; a message in the user's words when it is not a list of whole months. */
export function parseNoticeMonths(text: string): { ok: true; months: number[] } | { ok: false; message: string } {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Give at least one notice, in months before the end (0 = on the day), e.g. 12, 6, 0.' };
  const months: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 120) return { ok: false, message: `“${p}” is not a number of months between 0 and 120.` };
    if (months.includes(Number(p))) return { ok: false, message: `${formatCount(Number(p), 'month')} appears twice.` };
    months.push(Number(p));
  }
  return { ok: true, months: months.sort((a, b) => b - a) };
}

const UPDATE_LABELS: Readonly<Record<string, string>> = { ota: 'Over the air', local: 'Local', none: 'None' };

export function CommunicationPanel({ product, line, plan, isDefault, onSave, onSaveFile, appVersion, asOf }: CommunicationPanelProps) {
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const shown = draft ?? draftOf(plan);
  const notices = noticesFor(product, plan);
  const registry = registryFields(product, line, plan);
  const change = (patch: Partial<Draft>) => setDraft({ ...shown, ...patch });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    const months = parseNoticeMonths(shown.months);
    if (!months.ok) return setError(months.message);
    const parsed = communicationPlanSchema.safeParse({
      productId: product.id,
      noticeMonths: months.months,
      channels: CHANNELS.filter((c) => shown.channels.includes(c)),
      whatStops: shown.whatStops,
      whatToDo: shown.whatToDo,
      contact: shown.contact,
      automaticUpdates: shown.automatic === '' ? null : shown.automatic === 'yes',
    });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join('; '));
    try {
      await onSave(parsed.data);
      setDraft(null);
      setError(null);
      setStatus('Communication plan saved. Undo (Ctrl+Z) takes it back.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function exportIcs() {
    const events = noticeMilestones(product, plan);
    const text = toICalendar(events, { prodId: `-//Supportspan//Supportspan ${appVersion}//EN`, now: new Date().toISOString(), calendarName: `Support end notices: ${product.name}` });
    const slug = product.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'product';
    await onSaveFile({ name: `${slug}-support-end-notices.ics`, bytes: new TextEncoder().encode(text), mimeType: 'text/calendar', what: 'iCalendar', ext: 'ics' });
  }

  return (
    <div className="communication">
      <h3 id={`${id}-plan`}>Communication plan{isDefault ? ' (defaults, not saved yet)' : ''}</h3>
      <form className="communication-form" aria-labelledby={`${id}-plan`} onSubmit={(e) => void submit(e)}>
        <div className="field-row">
          <label className="field">
            Notices, months before the end
            <input type="text" value={shown.months} aria-describedby={`${id}-months-hint`} onChange={(e) => change({ months: e.target.value })} />
            <span id={`${id}-months-hint`} className="field-hint">e.g. 12, 6, 0 (0 = on the day)</span>
          </label>
          <label className="field">
            Updates install automatically
            <select value={shown.automatic} onChange={(e) => change({ automatic: e.target.value as Draft['automatic'] })}>
              <option value="">Not recorded</option>
              <option value="yes">Yes</option>
              <option value="no">No</option>
            </select>
          </label>
          <label className="field grow">
            Contact for questions
            <input type="text" maxLength={200} value={shown.contact} onChange={(e) => change({ contact: e.target.value })} />
          </label>
        </div>
        <fieldset className="channels">
          <legend>Channels</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={shown.channels.includes(c)}
                onChange={(e) => change({ channels: e.target.checked ? [...shown.channels, c] : shown.channels.filter((x) => x !== c) })} />
              {CHANNEL_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <label className="field grow">
            What stops at the end
            <textarea rows={2} maxLength={10_000} value={shown.whatStops} onChange={(e) => change({ whatStops: e.target.value })} />
          </label>
          <label className="field grow">
            What the customer should do
            <textarea rows={2} maxLength={10_000} value={shown.whatToDo} onChange={(e) => change({ whatToDo: e.target.value })} />
          </label>
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={draft === null && !isDefault}>Save the communication plan</button>
          {draft !== null && <button type="button" onClick={() => { setDraft(null); setError(null); }}>Discard changes</button>}
        </div>
        {error && <p role="alert" className="error-text">{error}</p>}
        <p role="status" className="activity-saved">{status ?? ''}</p>
      </form>

      <h3>Notices</h3>
      {notices.length === 0 ? (
        <p className="hint">No notices: the product has no effective support end yet. Declare one (or give its components support ends) and the notices follow from it.</p>
      ) : (
        <>
          <p className="hint">From the effective support end, {formatDate(notices[0]!.supportEnd)}. Channels: {plan.channels.map((c) => CHANNEL_LABELS[c]).join(', ') || 'none chosen'}.</p>
          <ol className="notice-list" aria-label={`Support end notices of ${product.name}`}>
            {notices.map((n) => (
              <li key={n.monthsBefore}>
                <p className="notice-when"><time dateTime={n.date}>{n.date}</time> · {n.monthsBefore === 0 ? 'on the day' : `${formatCount(n.monthsBefore, 'month')} before`}{n.date < asOf ? <> <span className="tag tag-warn">in the past as of {asOf}</span></> : null}</p>
                <p className="notice-subject">{n.subject}</p>
                <p>{n.text}</p>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="button" onClick={() => void exportIcs().catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))}>Export the notices as a calendar (.ics)</button>
          </div>
        </>
      )}

      <h3>Shown at purchase</h3>
      <blockquote className="disclosure">{purchaseDisclosure(product)}</blockquote>
      <p className="hint">The end date of the support period, at least month and year (CRA Art 13(19) and Annex II(7); UK PSTI; ETSI EN 303 645 5.3-13).</p>

      <h3>Labelling registry fields</h3>
      <dl className="facts registry-fields">
        <dt>Product</dt><dd>{registry.product}</dd>
        <dt>Model designation</dt><dd>{registry.modelDesignation || '—'}</dd>
        <dt>Product line</dt><dd>{registry.productLine || '—'}</dd>
        <dt>Support period ends</dt><dd>{formatDate(registry.supportPeriodEnd, 'not declared')}</dd>
        <dt>Support period statement</dt><dd>{registry.supportPeriodStatement}</dd>
        <dt>Automatic updates</dt><dd>{registry.automaticUpdates === 'yes' ? 'Yes' : registry.automaticUpdates === 'no' ? 'No' : 'Not recorded'}</dd>
        <dt>Update mechanisms</dt><dd>{registry.updateMechanisms.map((m) => UPDATE_LABELS[m] ?? m).join(', ') || 'none recorded'}</dd>
      </dl>
      <p className="hint">As a registry such as the US Cyber Trust Mark’s asks for them.</p>
    </div>
  );
}
