// Vanguard Hub console behaviours, loaded from the hub itself (the Content-Security-Policy allows no inline script).
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});

// A file upload with a progress bar: htmx reports the upload's progress; the bar shows it.
document.addEventListener('htmx:xhr:progress', function (event) {
  var form = event.target.closest('form[data-progress]');
  if (!form || !event.detail.lengthComputable) {
    return;
  }
  var bar = document.getElementById(form.getAttribute('data-progress'));
  if (bar) {
    bar.hidden = false;
    bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
  }
});
