import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** Re-reads the page's loader every second while background work runs, for its progress bar. */
export function useRefreshWhile(active: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, revalidator]);
}
