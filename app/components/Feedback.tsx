// Feedback for what the merchant just did (ISSUE 13, item 13): a toast when an action completed,
// a banner (on the page) when it did not. Embedded in Shopify the toast is App Bridge's
// `shopify.toast.show`; demo mode has no App Bridge (app/routes/app.tsx renders DemoFrame, a
// Polaris Frame, instead), so the toast is drawn with Polaris pieces in a live region (Polaris's
// own Toast has a dismiss button without an accessible name, which axe refuses).
import { useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Box, Button, InlineStack, Text } from "@shopify/polaris";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

export interface ToastOptions {
  error?: boolean;
}
type ShowToast = (message: string, options?: ToastOptions) => void;

interface Surface {
  /** Inside the Shopify admin (App Bridge) rather than demo mode's Polaris Frame. */
  embedded: boolean;
  showToast: ShowToast;
}

const SurfaceContext = createContext<Surface>({ embedded: false, showToast: () => {} });

/**
 * Sentences for `?done=<code>` after a redirect (a saved form that moved to another page): a code,
 * not free text, so a link cannot make the admin show words the app did not write.
 */
export const DONE_MESSAGES = {
  creator_created: "Creator saved.",
  creator_invited: "Creator saved. The invitation email was sent.",
  creator_not_invited: "Creator saved, but the invitation was not sent. Send it from the creator's page.",
  creator_updated: "Changes saved.",
  creator_saved_without_code: "Creator saved without its discount code: Shopify did not create it. Use Create code again.",
  creator_updated_code_deactivated: "Changes saved. The discount code you removed was deactivated in Shopify.",
  creator_updated_code_still_active:
    "Changes saved, but Shopify did not deactivate the discount code you removed: it still works at checkout. Deactivate it in Shopify admin › Discounts.",
} as const;
export type DoneCode = keyof typeof DONE_MESSAGES;

/** Done codes that report something left for the merchant to do: shown as error toasts. */
const DONE_WARNINGS: ReadonlySet<string> = new Set<DoneCode>(["creator_updated_code_still_active"]);

/** `path` with the `done` code a page shows as a toast after a redirect. */
export function withDone(path: string, code: DoneCode): string {
  return `${path}${path.includes("?") ? "&" : "?"}done=${code}`;
}

export function FeedbackProvider({ embedded, children }: { embedded: boolean; children: ReactNode }) {
  const [toast, setToast] = useState<{ message: string; error: boolean; key: number } | null>(null);
  const showToast = useCallback<ShowToast>(
    (message, options = {}) => setToast((current) => ({ message, error: options.error ?? false, key: (current?.key ?? 0) + 1 })),
    [],
  );
  const dismiss = useCallback(() => setToast(null), []);
  return (
    <SurfaceContext.Provider value={{ embedded, showToast }}>
      {embedded ? <AppBridgeToasts toast={toast} /> : null}
      <DoneFromRedirect />
      {children}
      {!embedded && <DemoToast toast={toast} onDismiss={dismiss} />}
    </SurfaceContext.Provider>
  );
}

const TOAST_DURATION_MS = 5000;

/** Demo mode's toast: bottom centre, dismissed after 5 seconds or by its button; announced politely. */
function DemoToast({ toast, onDismiss }: { toast: { message: string; error: boolean; key: number } | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, TOAST_DURATION_MS);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        position: "fixed",
        insetBlockEnd: "var(--p-space-800)",
        insetInlineStart: "50%",
        transform: "translateX(-50%)",
        zIndex: 600,
        color: "var(--p-color-text-inverse)",
      }}
    >
      {toast && (
        <Box
          key={toast.key}
          background={toast.error ? "bg-fill-critical" : "bg-fill-inverse"}
          padding="300"
          borderRadius="200"
          shadow="600"
        >
          <InlineStack gap="400" blockAlign="center" wrap={false}>
            <Text as="span" tone="text-inverse">
              {toast.message}
            </Text>
            <Button variant="monochromePlain" onClick={onDismiss}>
              Dismiss
            </Button>
          </InlineStack>
        </Box>
      )}
    </div>
  );
}

/** Hands each new toast to App Bridge (only ever rendered when embedded, so `shopify` exists). */
function AppBridgeToasts({ toast }: { toast: { message: string; error: boolean; key: number } | null }) {
  const shopify = useAppBridge();
  useEffect(() => {
    if (toast) shopify.toast.show(toast.message, { isError: toast.error });
  }, [shopify, toast]);
  return null;
}

/** Shows the toast a redirect asked for (`?done=`), then drops the parameter so a reload does not repeat it. */
function DoneFromRedirect() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { showToast } = useContext(SurfaceContext);
  const done = params.get("done");
  useEffect(() => {
    if (!done) return;
    const message = (DONE_MESSAGES as Record<string, string>)[done];
    if (message) showToast(message, { error: DONE_WARNINGS.has(done) });
    const rest = new URLSearchParams(params);
    rest.delete("done");
    const search = rest.toString();
    navigate(`${location.pathname}${search ? `?${search}` : ""}`, { replace: true, preventScrollReset: true });
  }, [done, params, location.pathname, navigate, showToast]);
  return null;
}

export function useShowToast(): ShowToast {
  return useContext(SurfaceContext).showToast;
}

export function useEmbedded(): boolean {
  return useContext(SurfaceContext).embedded;
}

/**
 * Toasts an action's success message once per answer: `result` is a page's useActionData(), which
 * is a new object for each submission. A failure is left to the page's banner.
 */
export function useActionToast(result: { ok: boolean; message?: string } | undefined | null, fallback = "Done.") {
  const showToast = useShowToast();
  useEffect(() => {
    if (result?.ok) showToast(result.message ?? fallback);
  }, [result, showToast, fallback]);
}
