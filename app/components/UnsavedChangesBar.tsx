import { SaveBar } from "@shopify/app-bridge-react";
import { ContextualSaveBar } from "@shopify/polaris";
import { useEmbedded } from "./Feedback";

/**
 * The contextual save bar of a form with unsaved changes: App Bridge's `ui-save-bar` in the
 * Shopify admin (which also asks before the merchant leaves the page), Polaris's
 * ContextualSaveBar inside demo mode's Frame.
 */
export function UnsavedChangesBar({
  id,
  open,
  saving,
  onSave,
  onDiscard,
}: {
  id: string;
  open: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const embedded = useEmbedded();
  if (embedded) {
    return (
      <SaveBar id={id} open={open}>
        <button variant="primary" onClick={onSave} loading={saving ? "" : undefined} disabled={saving}></button>
        <button onClick={onDiscard} disabled={saving}></button>
      </SaveBar>
    );
  }
  if (!open) return null;
  return (
    <ContextualSaveBar
      message="Unsaved changes"
      saveAction={{ content: "Save", onAction: onSave, loading: saving }}
      discardAction={{ content: "Discard", onAction: onDiscard, disabled: saving }}
    />
  );
}
