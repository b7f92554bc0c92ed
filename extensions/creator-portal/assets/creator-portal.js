/*
 * Creator Payouts — creator portal (the "Creator portal" app block).
 *
 * Loads the portal (an HTML fragment the app renders) from the app proxy URL in
 * data-portal-url into the block, announcing "loading" and errors in the block's live region and
 * offering a retry. Texts come from the block's data attributes (translated in Liquid).
 * Inside the portal: forms are posted with fetch (same origin, the portal's token is in the form)
 * and the fragment the app answers with replaces the portal, focus moving to the outcome message;
 * pagination links load in place, and so does the link builder's GET form (data-portal-get);
 * copy buttons copy their field (clipboard API, or a selection fallback), read "Copied" for a
 * moment and say so in the portal's live region. The payout method form keeps only the chosen
 * method's fields (the stylesheet already shows only those; the script also disables the others
 * so that what was typed for another method is not sent).
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

    function showError() {
      content.removeAttribute("aria-busy");
      status.textContent = root.getAttribute("data-error-text") || "";
      retry.hidden = false;
    }

    function syncMethodFields() {
      var groups = content.querySelectorAll("[data-portal-method-fields]");
      for (var i = 0; i < groups.length; i++) {
        var form = groups[i].closest("form");
        var select = form ? form.querySelector("select[name=method]") : null;
        if (!select) continue;
        var sets = groups[i].querySelectorAll("[data-method-fields]");
        for (var j = 0; j < sets.length; j++) {
          var chosen = sets[j].getAttribute("data-method-fields") === select.value;
          sets[j].hidden = !chosen;
          sets[j].disabled = !chosen;
        }
      }
    }

    // Puts a fragment in place and moves focus: to the outcome message when there is one, else to
    // `focusId` (a section heading), else to the portal itself when asked.
    function show(html, focusId, focusContent) {
      content.innerHTML = html;
      syncMethodFields();
      content.removeAttribute("aria-busy");
      status.textContent = "";
      var target = content.querySelector("[data-portal-notice]") || (focusId && document.getElementById(focusId));
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      } else if (focusContent) {
        content.focus();
      }
    }

    // Fragments come back with 200, or 403/404/409/410/422/429 carrying a message to show (e.g.
    // "This code is no longer kept here" on a gift card's Show code, 410).
    function request(url, options, focusId, focusContent) {
      retry.hidden = true;
      content.setAttribute("aria-busy", "true");
      status.textContent = root.getAttribute("data-loading-text") || "";
      options.credentials = "same-origin";
      options.headers = { Accept: "text/html" };
      return fetch(url, options)
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          var readable = response.ok || ([403, 404, 409, 410, 422, 429].indexOf(response.status) !== -1 && type.indexOf("text/html") === 0);
          if (!readable) throw new Error("portal " + response.status);
          return response.text();
        })
        .then(function (html) {
          show(html, focusId, focusContent);
        })
        .catch(showError);
    }

    function load(afterRetry) {
      request(root.getAttribute("data-portal-url"), {}, null, afterRetry);
    }

    // The button itself reads "Copied" for a few seconds (its first text node; the rest of its
    // accessible name stays), beside the live region's sentence.
    function showCopied(button) {
      var label = button.getAttribute("data-copied-label");
      var text = button.firstChild;
      if (!label || !text || text.nodeType !== 3) return;
      if (!button.hasAttribute("data-copy-label")) button.setAttribute("data-copy-label", text.nodeValue);
      text.nodeValue = label;
      clearTimeout(button.copiedTimer);
      button.copiedTimer = setTimeout(function () {
        text.nodeValue = button.getAttribute("data-copy-label");
      }, 3000);
    }

    function copy(button) {
      var field = document.getElementById(button.getAttribute("data-portal-copy"));
      var live = content.querySelector("[data-portal-copy-status]");
      if (!field) return;
      function say(text) {
        if (live) live.textContent = text || "";
      }
      function fallback() {
        field.focus();
        field.select();
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (error) {
          copied = false;
        }
        say(button.getAttribute(copied ? "data-copied-text" : "data-copy-failed-text"));
        if (copied) showCopied(button);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(function () {
          say(button.getAttribute("data-copied-text"));
          showCopied(button);
        }, fallback);
      } else {
        fallback();
      }
    }

    content.addEventListener("submit", function (event) {
      var form = event.target;
      if (form && form.hasAttribute("data-portal-get")) {
        // A read (the link builder): its fields go on the portal's URL, the answer replaces the
        // portal in place and focus moves to the part it names.
        event.preventDefault();
        var url = new URL(form.getAttribute("action"), location.href);
        var fields = new FormData(form);
        fields.forEach(function (value, name) {
          url.searchParams.set(name, value);
        });
        request(url.pathname + url.search, {}, form.getAttribute("data-portal-get"), true).then(function () {
          // A refused path: back to the field, whose error is tied to it.
          var invalid = content.querySelector("form[data-portal-get] [aria-invalid=true]");
          if (invalid) invalid.focus();
        });
        return;
      }
      if (!form || !form.hasAttribute("data-portal-form")) return;
      event.preventDefault();
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
      request(form.getAttribute("action"), { method: "POST", body: new FormData(form) }, null, true).then(function () {
        // The form is usually gone (replaced); if the request failed, let the customer try again.
        for (var j = 0; j < buttons.length; j++) buttons[j].disabled = false;
      });
    });

    content.addEventListener("change", function (event) {
      var target = event.target;
      if (
        target &&
        target.matches &&
        target.matches("select[name=method]") &&
        target.form &&
        target.form.querySelector("[data-portal-method-fields]")
      ) {
        syncMethodFields();
      }
    });

    content.addEventListener("click", function (event) {
      var target = event.target;
      var copyButton = target && target.closest ? target.closest("[data-portal-copy]") : null;
      if (copyButton) {
        copy(copyButton);
        return;
      }
      var link = target && target.closest ? target.closest("a[data-portal-nav]") : null;
      if (link) {
        event.preventDefault();
        request(link.getAttribute("href"), {}, link.getAttribute("data-portal-nav"), true);
      }
    });

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
