import { useSubmit } from "@remix-run/react";
import { Button, Modal, Text } from "@shopify/polaris";
import { useRef, useState, type ReactNode } from "react";

export interface ConfirmActionButtonProps {
  /** The button's text; the modal's confirm button repeats it unless `confirmLabel` is given. */
  children: string;
  /** The question naming what happens: "Cancel payout INV-00012 of $150.00 to Ava Chen?". */
  title: string;
  /** What follows from it, in a sentence or two: "Its items return to payable." */
  body?: ReactNode;
  confirmLabel?: string;
  /** A money movement or something that cannot be undone: the red button. */
  destructive?: boolean;
  /**
   * Posted on confirm (intent and hidden values), to `action` or the current route. Without it the
   * button submits the form it sits in, with whatever its fields hold.
   */
  fields?: Record<string, string>;
  action?: string;
  /** Called on confirm instead of posting (a caller that submits in its own way, e.g. a bulk action). */
  onConfirm?: () => void;
  disabled?: boolean;
  loading?: boolean;
  fullWidth?: boolean;
  size?: "micro" | "slim" | "medium" | "large";
  variant?: "primary" | "secondary" | "plain";
  tone?: "critical" | "success";
}

/**
 * A destructive or money action that asks first (ISSUE 13, item 12): the button opens a Polaris
 * Modal that names what will happen; only its confirm button posts. Dismissing it changes nothing.
 */
export function ConfirmActionButton({
  children,
  title,
  body,
  confirmLabel,
  destructive = false,
  fields,
  action,
  onConfirm,
  disabled,
  loading,
  fullWidth,
  size,
  variant,
  tone,
}: ConfirmActionButtonProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLSpanElement>(null);
  const submit = useSubmit();

  const confirm = () => {
    setOpen(false);
    if (onConfirm) return onConfirm();
    if (fields) return submit(fields, { method: "post", action });
    // The enclosing form, as if its submit button were pressed: its own onSubmit runs and Remix's
    // <Form> posts what the merchant typed.
    anchor.current?.closest("form")?.requestSubmit();
  };

  return (
    <span ref={anchor} style={fullWidth ? { display: "block" } : undefined}>
      <Button
        onClick={() => setOpen(true)}
        disabled={disabled}
        loading={loading}
        fullWidth={fullWidth}
        size={size}
        variant={variant}
        tone={tone ?? (destructive ? "critical" : undefined)}
      >
        {children}
      </Button>
      <ConfirmModal
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        body={body}
        confirmLabel={confirmLabel ?? children}
        destructive={destructive}
        onConfirm={confirm}
      />
    </span>
  );
}

/**
 * The confirmation alone, for an action started elsewhere (a bulk action of an IndexTable, a page
 * action): open it, and `onConfirm` runs only when the merchant confirms.
 */
export function ConfirmModal({
  open,
  onClose,
  title,
  body,
  confirmLabel,
  destructive = false,
  loading,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  loading?: boolean;
  onConfirm: () => void;
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{ content: confirmLabel, destructive, loading, onAction: onConfirm }}
      secondaryActions={[{ content: "Go back", onAction: onClose }]}
    >
      {body && <Modal.Section>{typeof body === "string" ? <Text as="p">{body}</Text> : body}</Modal.Section>}
    </Modal>
  );
}
