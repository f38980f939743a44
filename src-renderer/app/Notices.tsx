import { useAppStore, useNotices } from './store';

export function Notices() {
  const { dismiss } = useAppStore();
  const notices = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : undefined} data-testid="notice">
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="notice-action"
              data-testid="notice-action"
              onClick={() => {
                dismiss(n.id);
                n.action!.run();
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
