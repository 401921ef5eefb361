// Small behaviours without inline script (the Content-Security-Policy allows none).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
