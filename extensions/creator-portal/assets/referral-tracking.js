/*
 * Creator Payouts — referral tracking (the "Referral tracking" app embed).
 *
 * On a page opened with ?ref=CODE (any case; stored uppercase, must match /^[A-Z0-9_-]{2,40}$/):
 *   1. keeps CODE in the first-party cookie _cp_ref for the attribution window (last click wins;
 *      the window runs from the click, so a later visit without ?ref does not extend it);
 *   2. writes CODE to the cart attribute named by data-cart-attribute (only when it differs), so
 *      the order carries it to the commission engine;
 *   3. counts the click through the app proxy, at most once per visitor, code and UTC day.
 * On later pages without ?ref, the cookie's code is written to the cart again (a new cart after
 * checkout still gets it while the window lasts).
 *
 * Do Not Track (navigator.doNotTrack === "1"): the code still goes on the current cart, as a
 * typed-in discount code would, but nothing identifies the visitor across visits: no cookie, no
 * visitor id, no click count.
 *
 * No dependencies; every failure is silent, so the storefront never notices this script.
 */
(function () {
  "use strict";

  var CODE_PATTERN = /^[A-Z0-9_-]{2,40}$/;
  var COOKIE_NAME = "_cp_ref";
  var VISITOR_ID_KEY = "_cp_vid";
  var CLICKS_KEY = "_cp_clicks";
  var DEFAULT_WINDOW_DAYS = 30;
  var MAX_WINDOW_DAYS = 365;

  function noop() {}

  function normalizeCode(value) {
    if (typeof value !== "string") return null;
    var code = value.trim().toUpperCase();
    return CODE_PATTERN.test(code) ? code : null;
  }

  function attributionWindowDays(value) {
    var days = parseInt(value, 10);
    return days >= 1 && days <= MAX_WINDOW_DAYS ? days : DEFAULT_WINDOW_DAYS;
  }

  function readCookie(name) {
    var pairs = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < pairs.length; i++) {
      var separator = pairs[i].indexOf("=");
      if (pairs[i].slice(0, separator) === name) return pairs[i].slice(separator + 1);
    }
    return null;
  }

  function writeReferralCookie(code, days) {
    document.cookie =
      COOKIE_NAME +
      "=" +
      code +
      "; Max-Age=" +
      days * 86400 +
      "; Path=/; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }

  // localStorage can be missing or throw (privacy modes, blocked storage).
  function storageOrNull() {
    try {
      var storage = window.localStorage;
      var probe = "_cp_probe";
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  }

  function randomVisitorId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
    return hex;
  }

  function syncCartAttribute(cartUrl, attribute, code) {
    return fetch(cartUrl + ".js", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("cart " + response.status);
        return response.json();
      })
      .then(function (cart) {
        var attributes = (cart && cart.attributes) || {};
        if (attributes[attribute] === code) return;
        var update = { attributes: {} };
        update.attributes[attribute] = code;
        return fetch(cartUrl + "/update.js", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(update),
        });
      })
      .catch(noop);
  }

  function countClick(clicksUrl, code) {
    var storage = storageOrNull();
    // Without storage the "once per visitor and day" promise cannot be kept: count nothing.
    if (!storage) return;
    var today = new Date().toISOString().slice(0, 10);
    var counted;
    try {
      counted = JSON.parse(storage.getItem(CLICKS_KEY) || "null");
    } catch (error) {
      counted = null;
    }
    // Only today's codes are kept, so the key never grows past one day of clicks.
    if (!counted || counted.day !== today || !Array.isArray(counted.codes)) counted = { day: today, codes: [] };
    if (counted.codes.indexOf(code) !== -1) return;

    var visitorId = storage.getItem(VISITOR_ID_KEY);
    if (!visitorId || !/^[0-9a-f-]{16,64}$/.test(visitorId)) {
      visitorId = randomVisitorId();
      storage.setItem(VISITOR_ID_KEY, visitorId);
    }
    // Recorded before sending: a click that fails to send is lost rather than counted twice.
    counted.codes.push(code);
    storage.setItem(CLICKS_KEY, JSON.stringify(counted));

    fetch(clicksUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: code, visitorId: visitorId }),
    }).catch(noop);
  }

  function track(script) {
    var attribute = script.getAttribute("data-cart-attribute");
    if (!attribute || typeof fetch !== "function") return;
    var cartUrl = script.getAttribute("data-cart-url") || "/cart";
    var clicksUrl = script.getAttribute("data-clicks-url");
    var doNotTrack = navigator.doNotTrack === "1";

    var clickedCode = normalizeCode(new URLSearchParams(location.search).get("ref"));
    var code = clickedCode || (doNotTrack ? null : normalizeCode(readCookie(COOKIE_NAME)));
    if (!code) return;

    if (clickedCode && !doNotTrack) {
      writeReferralCookie(clickedCode, attributionWindowDays(script.getAttribute("data-attribution-window-days")));
    }
    syncCartAttribute(cartUrl, attribute, code);
    if (clickedCode && !doNotTrack && clicksUrl) countClick(clicksUrl, clickedCode);
  }

  try {
    var script = document.currentScript || document.querySelector("script[data-creator-referral]");
    if (script) track(script);
  } catch (error) {
    // Never break the storefront.
  }
})();
