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
    var label = document.querySelector("label[for='" + field.id + "']");
    var fieldset = field.closest("fieldset");
    var legend = fieldset ? fieldset.querySelector("legend") : null;
    (legend || label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
