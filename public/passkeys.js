// The data-* attributes read here (data-passkeys, data-portal, data-next, data-msg-*,
// data-passkey-message, data-passkey-action, data-passkey-form, data-pressed) are listed,
// with what each means, in app/src/data_attributes.rs.
//
// Passkeys (WebAuthn) for the pages that offer them: log in with a passkey, give a passkey
// as the second step of a log-in, and add a passkey. Each place is marked in the page with
// data-passkeys="log-in" | "second-factor" | "add" (and data-portal, data-next); the page's
// inline loader (`PASSKEYS_WHEN_NEEDED` in app/src/shell.rs) imports this file only where
// such a marker is, so no other page pays for it. It is plain JavaScript rather than WASM because all it does is call the browser's
// WebAuthn API and the server's JSON endpoints (/api/passkey_*), which keep the ceremony's
// state in the session and check everything; keeping it out of the islands' WASM keeps
// every other page's download as it is.
//
// The messages it shows are the page's, in the page's language: the marked element carries
// them as data-msg-not-supported, data-msg-failed, data-msg-cancelled and (where a passkey
// is added) data-msg-already-on-device and data-msg-error-prefix. The English here is only a fallback for a page
// that lacks one.
(() => {
  "use strict";

  const FALLBACK = {
    msgNotSupported: "This browser cannot use passkeys. Use your password or a code instead.",
    msgFailed: "Something went wrong on our side. Please try again in a moment.",
    msgCancelled: "No passkey was used. Try again, or use another way.",
    msgAlreadyOnDevice: "This device already has a passkey for your account.",
    msgErrorPrefix: "Error:",
  };
  // A message of the place (its data-msg-* attribute), or the English one.
  const text = (place, name) => (place && place.dataset[name]) || FALLBACK[name];

  // --- base64url (WebAuthn's bytes) to and from the JSON the server speaks ---
  const toBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) => {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };

  const creationOptions = (json) => {
    const options = JSON.parse(json).publicKey;
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = (options.excludeCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    return options;
  };
  const requestOptions = (json) => {
    const options = JSON.parse(json).publicKey;
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: toBytes(c.id) }));
    return options;
  };
  const created = (credential) =>
    JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        attestationObject: toText(credential.response.attestationObject),
        clientDataJSON: toText(credential.response.clientDataJSON),
      },
      extensions: {},
    });
  const asserted = (credential) =>
    JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        authenticatorData: toText(credential.response.authenticatorData),
        clientDataJSON: toText(credential.response.clientDataJSON),
        signature: toText(credential.response.signature),
        userHandle: credential.response.userHandle ? toText(credential.response.userHandle) : null,
      },
      extensions: {},
    });

  // --- the server's side of a ceremony: a step is {step: "options" | "done" | "refused"} ---
  const call = async (endpoint, body) => {
    const response = await fetch(`/api/${endpoint}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    // A refused step comes with a 400 and its message; anything else is our failure (the
    // caller says so in the page's words).
    const step = await response.json().catch(() => null);
    return step && step.step ? step : { step: "refused", message: "" };
  };

  const say = (place, message) => {
    const slot = place.querySelector("[data-passkey-message]");
    if (slot) slot.textContent = message || "";
  };

  // A refused name is drawn on its field as every other form's errors are
  // (components::fields::field_message: the field marked, the message above the input
  // with a hidden "Error:" for screen readers, the input described by it); an empty
  // message clears it.
  const sayOnField = (place, name, message) => {
    const input = place.querySelector(`[name="form[${name}]"]`);
    const field = input && input.closest(".field");
    const slot = field && field.querySelector(".field__message");
    if (!slot) return say(place, message);
    const errorId = `${input.id}-error`;
    const hint = field.querySelector(".field__hint");
    field.classList.toggle("field--error", !!message);
    slot.textContent = "";
    if (message) {
      const error = document.createElement("p");
      error.className = "field__error";
      error.id = errorId;
      const prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = `${text(place, "msgErrorPrefix")} `;
      error.append(prefix, message);
      slot.append(error);
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else {
      input.removeAttribute("aria-invalid");
    }
    const described = [hint && hint.id, message && errorId].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
  };

  // Why the browser's dialog ended without a passkey, in the person's terms.
  const browserRefusal = (place, error, adding) => {
    if (error && error.name === "InvalidStateError" && adding) {
      return text(place, "msgAlreadyOnDevice");
    }
    if (error && error.name === "NotAllowedError") {
      return text(place, "msgCancelled");
    }
    if (error && error.name === "AbortError") return "";
    return text(place, "msgNotSupported");
  };

  // One ceremony: start it on the server, let the browser do its part, finish it on the
  // server, and go where the server says.
  const run = async (place, start, browserStep, finish, adding) => {
    say(place, "");
    const step = await start();
    if (adding) sayOnField(place, "passkey_name", step.step === "invalid" ? step.message : "");
    if (step.step === "invalid") return;
    if (step.step !== "options") {
      say(place, step.message || text(place, "msgFailed"));
      return;
    }
    let credential;
    try {
      credential = await browserStep(step.options);
    } catch (error) {
      say(place, browserRefusal(place, error, adding));
      return;
    }
    if (!credential) return;
    const done = await finish(credential);
    if (done.step === "done") {
      location.assign(done.to);
    } else {
      say(place, done.message || text(place, "msgFailed"));
    }
  };

  const supported = () => typeof window.PublicKeyCredential === "function" && !!navigator.credentials;

  // The log-in page offers passkeys in the email field's autofill too (conditional UI);
  // that request waits in the background and is aborted when the person presses the
  // button (one request at a time) or leaves the page.
  let waiting = null;
  const stopWaiting = () => {
    if (waiting) waiting.abort();
    waiting = null;
  };

  const logIn = (place, mediation) => {
    stopWaiting();
    const signal = (waiting = new AbortController()).signal;
    return run(
      place,
      () => call("passkey_log_in_start", {}),
      (options) => navigator.credentials.get({ publicKey: requestOptions(options), mediation, signal }),
      (credential) =>
        call("passkey_log_in_finish", {
          portal: place.dataset.portal,
          credential: asserted(credential),
          next: place.dataset.next || "",
        }),
      false,
    );
  };

  const offerInAutofill = async (place) => {
    const available =
      PublicKeyCredential.isConditionalMediationAvailable &&
      (await PublicKeyCredential.isConditionalMediationAvailable().catch(() => false));
    if (available && place.isConnected) logIn(place, "conditional");
  };

  const secondFactor = (place) =>
    run(
      place,
      () => call("passkey_second_factor_start", {}),
      (options) => navigator.credentials.get({ publicKey: requestOptions(options) }),
      (credential) =>
        call("passkey_second_factor_finish", { portal: place.dataset.portal, credential: asserted(credential) }),
      false,
    );

  const add = (place, name) =>
    run(
      place,
      () => call("passkey_add_start", { name }),
      (options) => navigator.credentials.create({ publicKey: creationOptions(options) }),
      (credential) => call("passkey_add_finish", { credential: created(credential) }),
      true,
    );

  // Shows the controls of every marked place (pages arrive by the islands router as well
  // as by loads, and the router's diff may bring an element back hidden), and offers the
  // log-in page's passkeys in autofill once per place. Nothing is added to the DOM: the
  // router diffs the whole document node by node.
  const offered = new WeakSet();
  const arm = () => {
    for (const place of document.querySelectorAll("[data-passkeys]")) {
      if (!supported()) {
        if (place.dataset.passkeys !== "log-in" && !offered.has(place)) say(place, text(place, "msgNotSupported"));
        offered.add(place);
        continue;
      }
      for (const control of place.querySelectorAll("[data-passkey-action][hidden], [data-passkey-form][hidden]")) {
        control.hidden = false;
      }
      if (place.dataset.passkeys === "log-in" && !offered.has(place)) offerInAutofill(place);
      offered.add(place);
      // Pressed before this script was ready (see the loader).
      const pressed = place.querySelector("[data-passkey-action][data-pressed]");
      if (pressed) {
        pressed.removeAttribute("data-pressed");
        act(place);
      }
    }
    if (waiting && !document.querySelector("[data-passkeys='log-in']")) stopWaiting();
  };

  const act = (place) => {
    if (place.dataset.passkeys === "log-in") logIn(place, "optional");
    if (place.dataset.passkeys === "second-factor") secondFactor(place);
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-passkey-action]");
    const place = button && button.closest("[data-passkeys]");
    if (!place) return;
    event.preventDefault();
    act(place);
  });

  // Capture, so that the islands router (which sends every form) leaves this one alone.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target.closest("[data-passkey-form]");
      const place = form && form.closest("[data-passkeys='add']");
      if (!place) return;
      event.preventDefault();
      event.stopPropagation();
      add(place, form.elements["form[passkey_name]"].value);
    },
    true,
  );

  window.passkeysReady = true;
  new MutationObserver(arm).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["hidden", "data-passkeys"],
  });
  arm();
})();
