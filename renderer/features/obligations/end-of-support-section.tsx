/**
 * The product page's "End-of-support communication": the plan, the notices
 * it gives from the effective support end, their calendar feed, the
 * disclosure shown at purchase and the labelling registry fields. Reads with
 * `useCommunicationPlan`, writes through the obligations repository (undoable).
 */
import { useEffect, useId, useState } from 'react';
import type { Product } from '../../../shared/domain';
import { useCommunicationPlan } from '../../analysis/use-obligations';
import { useAnalysis } from '../../analysis/analysis-context';
import { useDb } from '../../db/db-context';
import { putCommunicationPlan } from '../../db/repositories/obligations';
import { usePlatform } from '../../platform/platform-context';
import { CommunicationPanel } from './communication-panel';
import './obligations.css';

export function EndOfSupportSection({ product }: { product: Product }) {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  const plan = useCommunicationPlan(product.id);
  const { portfolio, options } = useAnalysis();
  const line = portfolio?.lines.find((l) => l.id === product.lineId);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [version, setVersion] = useState('');
  useEffect(() => {
    let live = true;
    platform.appInfo().then((i) => live && setVersion(i.version), () => live && setVersion('unknown'));
    return () => { live = false; };
  }, [platform]);

  return (
    <section className="panel obligations-section end-of-support-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>End-of-support communication</h2>
      <p className="hint">Notices to customers before the effective support end, what is shown at purchase, and what a labelling registry asks for.</p>
      {plan === undefined ? <p role="status">Reading the communication plan…</p> : (
        <CommunicationPanel
          product={product}
          line={line}
          plan={plan.plan}
          isDefault={!plan.stored}
          appVersion={version || 'unknown'}
          asOf={options.asOf}
          onSave={async (p) => { await putCommunicationPlan(db, p); }}
          onSaveFile={async (f) => {
            setMessage(null);
            try {
              const r = await platform.saveFile({ suggestedName: f.name, bytes: f.bytes, mimeType: f.mimeType, filters: [{ name: f.what, extensions: [f.ext] }] });
              if (r.saved) setMessage({ kind: 'ok', text: `Saved ${r.name ?? f.name}.` });
            } catch (e) {
              setMessage({ kind: 'error', text: `Could not save ${f.name}: ${e instanceof Error ? e.message : String(e)}` });
            }
          }}
        />
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
    </section>
  );
}
