/*
 * Creator Payouts — creator portal (the "Creator portal" app block).
 *
 * Loads the portal (an HTML fragment the app renders) from the app proxy URL in
 * data-portal-url into the block, announcing "loading" and errors in the block's live region and
 * offering a retry. Texts come from the block's data attributes (translated in Liquid).
 */
(function () {
  "use strict";

  function setUp(root) {
    if (root.hasAttribute("data-creator-portal-ready")) return;
    root.setAttribute("data-creator-portal-ready", "");
    var status = root.querySelector("[data-creator-portal-status]");
    var retry = root.querySelector("[data-creator-portal-retry]");
    var content = root.querySelector("[data-creator-portal-content]");
    if (!status || !retry || !content) return;

    function load(afterRetry) {
      retry.hidden = true;
      content.setAttribute("aria-busy", "true");
      status.textContent = root.getAttribute("data-loading-text") || "";
      fetch(root.getAttribute("data-portal-url"), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("portal " + response.status);
          return response.text();
        })
        .then(function (html) {
          content.innerHTML = html;
          content.removeAttribute("aria-busy");
          status.textContent = "";
          // The retry button the customer pressed is gone: move focus to what replaced it.
          if (afterRetry) content.focus();
        })
        .catch(function () {
          content.removeAttribute("aria-busy");
          status.textContent = root.getAttribute("data-error-text") || "";
          retry.hidden = false;
        });
    }

    retry.addEventListener("click", function () {
      load(true);
    });
    load(false);
  }

  function setUpAll() {
    var roots = document.querySelectorAll("[data-creator-portal]");
    for (var i = 0; i < roots.length; i++) setUp(roots[i]);
  }

  setUpAll();
  // The theme editor re-renders a block without reloading the page.
  document.addEventListener("shopify:section:load", setUpAll);
})();
