import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** What a {@link ConfirmDialog} asks. */
export interface Confirmation {
  readonly title: string;
  readonly body: ComponentChildren;
  readonly confirmLabel: string;
  /** Red confirm button. */
  readonly danger?: boolean;
  /** Runs on confirm; the dialog stays open with the error when it rejects. */
  readonly onConfirm: () => Promise<void>;
}

/** A modal confirmation (the native `<dialog>`): Cancel or confirm; Escape cancels. */
export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await confirmation.onConfirm();
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="dialog" onClose={onClose} aria-labelledby="dialog-title">
      <h2 id="dialog-title">{confirmation.title}</h2>
      <div class="dialog-body">{confirmation.body}</div>
      {error && (
        <div class="error-box" role="alert">
          {error}
        </div>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => ref.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button type="button" class={confirmation.danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : confirmation.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
