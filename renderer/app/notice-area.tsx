import { useUiStore } from '../state/ui-store';

/** Storage errors and other notices, announced to screen readers; errors stay until dismissed. */
export function NoticeArea() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismissNotice);
  const reloadRequired = useUiStore((s) => s.reloadRequired);
  const errors = notices.filter((n) => n.kind === 'error' || n.kind === 'warning');
  const others = notices.filter((n) => n.kind !== 'error' && n.kind !== 'warning');
  return (
    <div className="notice-area">
      {reloadRequired && (
        <div className="notice notice-error reload-banner" role="alert">
          <p>{reloadRequired}</p>
          <button type="button" className="primary" onClick={() => window.location.reload()}>Reload</button>
        </div>
      )}
      <div role="alert" aria-label="Errors">
        {errors.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`}>
            <p>{n.message}</p>
            {n.detail && <p className="notice-detail">{n.detail}</p>}
            <button type="button" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.message}`}>Dismiss</button>
          </div>
        ))}
      </div>
      <div role="status" aria-label="Messages">
        {others.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`}>
            <p>{n.message}</p>
            <button type="button" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.message}`}>Dismiss</button>
          </div>
        ))}
      </div>
    </div>
  );
}
