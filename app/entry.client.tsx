// The browser entry (Remix's default, plus one step): paint the server-rendered page before
// hydrating it. React hydrates in a transition, in 5 ms slices on MessageChannel tasks, but
// Chromium gives those tasks precedence over the page's first frame, so the page stayed blank until
// most of hydration had run (the vitals bench's long-animation-frame attribution showed FCP and LCP
// 250–400 ms after DOMContentLoaded on a busy machine, with hydration's scheduler tasks and their
// forced first layout in between). Starting hydration after the first frame shows the same HTML at
// once; hydration then begins about one frame later. In a background tab, where requestAnimationFrame
// does not run, the timer starts hydration anyway.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";

// Marks the document once React has hydrated it, whatever the route rendered (an error boundary
// included). Until then the server-rendered form fields are not yet React's: text typed into a
// controlled field is reset by React's first render after hydration. The browser tests wait for it.
function MarkHydrated({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return children;
}

let hydrating = false;
function hydrate() {
  if (hydrating) return;
  hydrating = true;
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <MarkHydrated>
          <RemixBrowser />
        </MarkHydrated>
      </StrictMode>,
    );
  });
}

// requestAnimationFrame runs just before the frame is painted; the timeout it sets runs after it.
requestAnimationFrame(() => setTimeout(hydrate, 0));
setTimeout(hydrate, 100);
