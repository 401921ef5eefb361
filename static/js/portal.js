// Small behaviours without inline script (the Content-Security-Policy allows none).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// The error summary (templates/includes/error_summary.html): it takes the focus when the
// page opens, so a screen reader reads the errors and a keyboard user starts there; each
// link moves the focus to its field and shows the field with its label.
(function () {
  function fieldFor(id) {
    return document.getElementById(id) || document.getElementById(id + "_0");
  }

  function showSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      summary.scrollIntoView({ block: "start" });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showSummary);
  } else {
    showSummary();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) {
      return;
    }
    var field = fieldFor(link.getAttribute("data-error-link"));
    if (!field) {
      return; // the ordinary jump to the anchor
    }
    event.preventDefault();
    // A field in a folded section (the action form's milestones ...) opens it first.
    for (var d = field.closest("details"); d; d = d.parentElement.closest("details")) {
      d.open = true;
    }
    var label = document.querySelector("label[for='" + field.id + "']");
    var fieldset = field.closest("fieldset");
    var legend = fieldset ? fieldset.querySelector("legend") : null;
    (legend || label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();

// Formsets with rows added in the page (governance/form.html): the server renders a few empty
// rows, enough without JavaScript; here the empty rows beyond the first are dropped and the
// "... toevoegen" button adds a row from the formset's empty form (<template>), counting it in
// the management form's TOTAL_FORMS.
(function () {
  function isBlank(row) {
    var fields = row.querySelectorAll("input:not([type=hidden]), select, textarea");
    return Array.prototype.every.call(fields, function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        return !field.checked;
      }
      return field.value === "" || field.name.slice(-6) === "-ORDER";
    });
  }

  function setUp(container) {
    var prefix = container.getAttribute("data-formset");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.querySelector("template[data-formset-template='" + prefix + "']");
    var button = document.querySelector("[data-formset-add='" + prefix + "']");
    if (!total || !template || !button) {
      return;
    }
    // Drop trailing blank new rows, keeping one (only the last rows: indexes stay 0..n-1).
    var rows = container.querySelectorAll("[data-formset-row]");
    var last = rows.length - 1;
    while (last > 0 && rows[last].hasAttribute("data-formset-new") && isBlank(rows[last]) &&
           rows[last - 1].hasAttribute("data-formset-new") && isBlank(rows[last - 1])) {
      rows[last].remove();
      total.value = String(parseInt(total.value, 10) - 1);
      last -= 1;
    }
    var hint = container.parentNode.querySelector("[data-formset-hint-nojs]");
    if (hint) {
      hint.hidden = true;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var holder = document.createElement("div");
      // Each new row is named by its place (__number__), so no two groups share a name.
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var row = holder.firstElementChild;
      container.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-formset]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

// A table wider than the screen scrolls inside its own container ([data-scroll-region]);
// then the container can take keyboard focus (arrow keys scroll it) and is named after the
// table's caption (WCAG 2.1.1, axe "scrollable-region-focusable"). Not a tab stop otherwise.
(function () {
  function mark() {
    document.querySelectorAll("[data-scroll-region]").forEach(function (box) {
      var caption = box.querySelector("caption");
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (caption && caption.id) box.setAttribute("aria-labelledby", caption.id);
        else if (caption) box.setAttribute("aria-label", caption.textContent.trim());
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
        box.removeAttribute("aria-label");
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("resize", mark);
})();

// htmx on first use (ghnt_portal/templatetags/portal.py, with_htmx_when_used): on a page whose
// partials wait for the user, htmx (52 KB) is fetched when the user first points at, focuses or
// touches one of them, after the page has loaded (htmx sets itself up at once only then). A
// click or submit that comes before it is there is held and handed to htmx when it is; if it
// cannot be fetched, the link or form does what it does without JavaScript.
(function () {
  var PARTIAL = "[hx-get], [hx-post], [hx-put], [hx-patch], [hx-delete]";
  var state = "idle"; // loading, ready, failed
  var held = [];

  function source() {
    var holder = document.querySelector("[data-htmx-src]");
    return holder && holder.getAttribute("data-htmx-src");
  }

  function release() {
    held.splice(0).forEach(function (use) {
      if (use.form) {
        use.form.requestSubmit(use.submitter || undefined);
      } else {
        use.element.click();
      }
    });
  }

  function load() {
    var src = source();
    if (state !== "idle" || !src || window.htmx) {
      return;
    }
    state = "loading";
    function add() {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { state = "ready"; release(); };
      script.onerror = function () { state = "failed"; release(); };
      document.body.appendChild(script);
    }
    if (document.readyState === "complete") {
      add();
    } else {
      window.addEventListener("load", add);
    }
  }

  function partialOf(event) {
    return event.target.closest ? event.target.closest(PARTIAL) : null;
  }

  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (state === "idle" && partialOf(event)) {
        load();
      }
    }, { capture: true, passive: true });
  });

  function hold(event) {
    var partial = partialOf(event);
    // A click inside a form partial submits it: the submit is what is held.
    if (!partial || state === "ready" || state === "failed" || !source() ||
        event.type === "click" && partial.tagName === "FORM") {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    held.push(event.type === "submit" ? { form: partial, submitter: event.submitter }
      : { element: partial });
    load();
  }
  document.addEventListener("click", hold, true);
  document.addEventListener("submit", hold, true);
})();
