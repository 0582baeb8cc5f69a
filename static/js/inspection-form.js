// The inspection form: every answer is saved as it is entered, and nothing typed is lost.
//
// Each answer's form posts itself through HTMX on an "autosave" event that this script sends:
// at once for a choice (radio, select, checkbox), after a pause for typing. Until the server
// has confirmed it, the answer is kept in localStorage (per inspection and item), so that a
// dropped connection or a closed tab loses nothing: it is put back into the field after a
// reload and sent again on load and when the browser comes back online.
// All messages come from the page (data-msg-*), translated there. No inline scripts (CSP).
(() => {
  "use strict";
  const root = document.querySelector("[data-inspection-form]");
  if (!root) return;
  const msg = root.dataset;
  const TYPING_DELAY = 800;
  const timers = new WeakMap();
  const sent = new WeakMap(); // form -> the fields of its request in flight or last sent

  const storageKey = (form) => `inspection:${msg.inspection}:${form.dataset.autosave}`;
  const statusOf = (form) => document.getElementById(form.dataset.status);
  const forms = () => root.querySelectorAll("form[data-autosave]");

  const read = (form) => {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.name === "csrfmiddlewaretoken") continue;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) data[el.name] = el.value;
      } else {
        data[el.name] = el.value;
      }
    }
    return data;
  };

  const write = (form, data) => {
    for (const el of form.elements) {
      if (!el.name || el.name === "csrfmiddlewaretoken") continue;
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = data[el.name] === el.value;
      } else if (el.name in data) {
        el.value = data[el.name];
      }
    }
  };

  // The answer without its version: what the person entered.
  const entered = (data) => {
    const { version, ...rest } = data;
    return JSON.stringify(rest);
  };

  const load = (form) => {
    try {
      return JSON.parse(localStorage.getItem(storageKey(form)) || "null");
    } catch {
      return null;
    }
  };
  const remember = (form) => {
    try {
      localStorage.setItem(storageKey(form), JSON.stringify(read(form)));
    } catch {
      // Storage full or refused (private mode): the answer is still sent as usual.
    }
  };
  const forget = (form) => localStorage.removeItem(storageKey(form));

  const showState = (form, text, tone) => {
    const status = statusOf(form);
    if (!status) return;
    let line = status.querySelector("[data-testid=save-state]");
    if (!line || line.tagName !== "SPAN") {
      if (line) line.remove();
      line = document.createElement("span");
      line.dataset.testid = "save-state";
      status.append(line);
    }
    line.className = `text-${tone}`;
    line.textContent = text;
    status.dataset.state = tone === "warning" ? "pending" : status.dataset.state;
  };

  const send = (form, { force = false } = {}) => {
    clearTimeout(timers.get(form));
    const data = read(form);
    if (!force && sent.get(form) === entered(data)) return; // already on its way, or saved
    remember(form);
    htmx.trigger(form, "autosave");
  };

  const typed = (el) => el.matches("textarea, input[type=text], input:not([type])");

  root.addEventListener("input", (event) => {
    const form = event.target.closest("form[data-autosave]");
    if (!form) return;
    remember(form);
    if (typed(event.target)) {
      clearTimeout(timers.get(form));
      timers.set(
        form,
        setTimeout(() => send(form), TYPING_DELAY),
      );
    }
  });

  root.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-autosave]");
    if (!form) return;
    // "Not applicable" and a typed value exclude each other.
    if (event.target.name === "na" && event.target.checked) {
      const value = form.querySelector("input[type=text][name=value], textarea[name=value]");
      if (value) value.value = "";
    } else if (event.target.name === "value" && event.target.value) {
      const na = form.querySelector("input[type=checkbox][name=na]");
      if (na) na.checked = false;
    }
    send(form);
  });

  // HTMX: what each autosave request became.
  const autosaveForm = (event) => {
    const elt = event.detail.elt;
    return elt && elt.matches && elt.matches("form[data-autosave]") && root.contains(elt)
      ? elt
      : null;
  };

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = autosaveForm(event);
    if (!form) return;
    const data = read(form);
    sent.set(form, entered(data));
    form.dataset.sending = JSON.stringify(data);
    showState(form, msg.msgSaving, "muted");
  });

  document.addEventListener("htmx:beforeSwap", (event) => {
    // A conflict (409) or a refused value (422) carries a message to show in place.
    const status = event.detail.xhr.status;
    if ((status === 409 || status === 422) && root.contains(event.detail.target)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A non-compliant answer that needs a note or a photo: open the place to give it.
  document.addEventListener("htmx:load", (event) => {
    const card = event.target.closest && event.target.closest(".form-item");
    if (!card) return;
    if (card.querySelector("[data-testid=needs-note]")) {
      card.querySelector("details[data-note-box]")?.setAttribute("open", "");
    }
    if (card.querySelector("[data-testid=needs-photo]")) {
      card.querySelector("details[data-photo-box]")?.setAttribute("open", "");
    }
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = autosaveForm(event);
    if (!form) return;
    const xhr = event.detail.xhr;
    if (event.detail.successful) {
      // Saved: forget the local copy, unless more was typed while the request was away.
      const stored = localStorage.getItem(storageKey(form));
      if (stored === null || entered(JSON.parse(stored)) === entered(JSON.parse(form.dataset.sending))) {
        forget(form);
      }
    } else if (xhr && xhr.status >= 400 && xhr.status !== 409 && xhr.status !== 422) {
      sent.delete(form);
      showState(form, `${msg.msgFailed} ${xhr.status}`, "danger");
    } else if (xhr && (xhr.status === 409 || xhr.status === 422)) {
      sent.delete(form); // the person decides; the local copy stays until then
    }
  });

  document.addEventListener("htmx:sendError", (event) => {
    const elt = event.detail.elt;
    if (elt && elt.matches && elt.matches("[data-photo-form]")) {
      const box = elt.closest("[id^=photos-]");
      if (box) {
        let line = box.querySelector("[data-testid=photo-error]");
        if (!line) {
          line = document.createElement("div");
          line.className = "small text-danger";
          line.dataset.testid = "photo-error";
          line.setAttribute("role", "alert");
          box.prepend(line);
        }
        line.textContent = msg.msgPhotoOffline;
      }
      return;
    }
    const form = autosaveForm(event);
    if (!form) return;
    sent.delete(form);
    remember(form);
    showState(form, msg.msgPending, "warning");
  });

  // The choice offered by a conflict: keep mine (send again on their version), or take theirs.
  root.addEventListener("click", (event) => {
    const keep = event.target.closest("[data-keep-mine]");
    const take = event.target.closest("[data-take-theirs]");
    const button = keep || take;
    if (!button) return;
    const form = root.querySelector(`form[data-autosave="item-${button.dataset.item}"]`);
    if (!form) return;
    if (keep) {
      form.elements.version.value = button.dataset.version;
      send(form, { force: true });
      return;
    }
    const value = button.dataset.value;
    const hasNa = form.querySelector("input[type=checkbox][name=na]");
    const data = { value, note: button.dataset.note, version: button.dataset.version };
    if (hasNa) {
      data.na = value === "na" ? "1" : "";
      if (value === "na") data.value = "";
    }
    write(form, data);
    forget(form);
    sent.set(form, entered(read(form)));
    showState(form, msg.msgTaken, "muted");
    button.closest(".alert")?.remove();
  });

  // The real submit carries the summary as it stands; its local copy is then done with.
  root.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-submit-form]");
    if (!form) return;
    const summaryForm = root.querySelector('form[data-autosave="summary"]');
    if (!summaryForm) return;
    const copy = document.createElement("input");
    copy.type = "hidden";
    copy.name = "summary";
    copy.value = summaryForm.elements.summary.value;
    form.append(copy);
    forget(summaryForm);
  });

  const resendPending = () => {
    for (const form of forms()) {
      if (load(form) !== null) send(form, { force: true });
    }
  };

  // Progress. Each item's card says whether it counts as answered (data-answered): the server
  // says so when it renders or saves the answer; in between, what is in the fields says so at
  // once, offline too (an answer kept on the phone is answered, it is only not yet sent).
  const progress = root.querySelector("[data-progress]");
  const cards = () => [...root.querySelectorAll(".form-item[data-answered]")];
  const cardOf = (form) => form.closest(".form-item");

  const showProgress = () => {
    if (!progress) return;
    const all = cards();
    const done = all.filter((card) => card.dataset.answered === "1").length;
    const text = progress.querySelector("[data-progress-text]");
    const meter = progress.querySelector("[data-progress-meter]");
    const next = progress.querySelector("[data-next-unanswered]");
    const line = text.dataset.template
      .replace("{answered}", String(done))
      .replace("{total}", String(all.length));
    if (text.textContent !== line) text.textContent = line;
    meter.max = all.length;
    meter.value = done;
    next.disabled = done === all.length;
  };

  // What the fields hold: a choice, a value, "not applicable", or for a photo item a photo.
  const markFromFields = (form) => {
    const card = cardOf(form);
    if (!card) return;
    const data = read(form);
    const photos = card.querySelectorAll("[data-testid=photos] figure").length;
    const answered =
      Boolean(data.na) ||
      (data.value || "").trim() !== "" ||
      (card.dataset.kind === "photo" && photos > 0);
    card.dataset.answered = answered ? "1" : "0";
  };

  const fieldsChanged = (event) => {
    const form = event.target.closest("form[data-autosave]");
    if (!form || !cardOf(form)) return;
    markFromFields(form);
    showProgress();
  };
  root.addEventListener("input", fieldsChanged);
  root.addEventListener("change", fieldsChanged);

  // What the server said, on each status it sends back (an answer saved or refused, a photo).
  document.addEventListener("htmx:load", (event) => {
    const target = event.target;
    if (!target || target === document.body || !root.contains(target)) return;
    const statuses = target.matches(".answer-status")
      ? [target]
      : target.querySelectorAll(".answer-status");
    let changed = false;
    for (const status of statuses) {
      const card = status.closest(".form-item");
      if (!card || status.dataset.answered === undefined) continue;
      card.dataset.answered = status.dataset.answered;
      changed = true;
    }
    if (changed) showProgress();
  });

  // Taking the other person's answer in a conflict changes the fields without an event.
  root.addEventListener("click", (event) => {
    const take = event.target.closest("[data-take-theirs]");
    if (!take) return;
    const form = root.querySelector(`form[data-autosave="item-${take.dataset.item}"]`);
    if (!form) return;
    markFromFields(form);
    showProgress();
  });

  // "Next unanswered": from the item last worked on (if still on screen) or from the top of
  // the screen, the next item not answered, round to the start; scrolled to and focused.
  let lastCard = null;
  root.addEventListener("focusin", (event) => {
    const card = event.target.closest(".form-item");
    if (card) lastCard = card;
  });
  const onScreen = (el) => {
    const box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  };
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  root.addEventListener("click", (event) => {
    if (!event.target.closest("[data-next-unanswered]")) return;
    const all = cards();
    if (!all.length) return;
    let from;
    if (lastCard && all.includes(lastCard) && onScreen(lastCard)) {
      from = all.indexOf(lastCard) + 1;
    } else {
      from = Math.max(
        0,
        all.findIndex((card) => card.getBoundingClientRect().bottom > 0),
      );
    }
    for (let step = 0; step < all.length; step += 1) {
      const card = all[(from + step) % all.length];
      if (card.dataset.answered === "1") continue;
      const field = card.querySelector(
        "form[data-autosave] input:not([type=hidden]), form[data-autosave] select, " +
          "form[data-autosave] textarea, input[type=file]",
      );
      card.scrollIntoView({ block: "start", behavior: reducedMotion.matches ? "auto" : "smooth" });
      if (field) field.focus({ preventScroll: true });
      lastCard = card;
      return;
    }
  });

  // On load: put back what was typed but never confirmed, and send it once HTMX has set up
  // the forms (it does so on DOMContentLoaded, which this script, loaded after it, follows).
  const restore = () => {
    for (const form of forms()) {
      const stored = load(form);
      if (stored === null) continue;
      write(form, stored);
      showState(form, msg.msgPending, "warning");
      markFromFields(form);
    }
    showProgress();
    if (navigator.onLine) resendPending();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setTimeout(restore, 0));
  } else {
    setTimeout(restore, 0);
  }
  window.addEventListener("online", resendPending);

  // Location: asked once, only on the button; refusing is fine.
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-locate]");
    if (!button) return;
    const box = button.closest("#location");
    const say = (text) => {
      const line = box && box.querySelector("[data-locate-message]");
      if (line) line.textContent = text;
    };
    if (!("geolocation" in navigator)) {
      say(msg.msgLocationUnsupported);
      return;
    }
    say(msg.msgLocating);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        htmx.ajax("POST", button.dataset.url, {
          target: "#location",
          swap: "outerHTML",
          values: {
            latitude: position.coords.latitude.toFixed(6),
            longitude: position.coords.longitude.toFixed(6),
            accuracy: Math.round(position.coords.accuracy || 0),
          },
        });
      },
      () => say(msg.msgLocationRefused),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });
})();
