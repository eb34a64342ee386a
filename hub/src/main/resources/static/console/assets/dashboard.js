// The flows dashboard's charts, drawn by Chart.js from the figures the page's data-source gives (JSON on the console's
// own port). A file of its own: the console's Content-Security-Policy runs no inline script.
(function () {
  'use strict';
  var page = document.getElementById('dashboard');
  if (!page || typeof Chart === 'undefined') {
    return;
  }
  var colours = ['#005eb8', '#006435', '#a3141c', '#7a4d00', '#4d5966', '#330072', '#00a499'];
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

  function bar(id, labels, datasets, stacked) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    new Chart(canvas, {
      type: 'bar',
      data: {labels: labels, datasets: datasets},
      options: {responsive: true, maintainAspectRatio: false,
        scales: {x: {stacked: !!stacked}, y: {stacked: !!stacked, beginAtZero: true, ticks: {precision: 0}}}}
    });
  }

  fetch(page.getAttribute('data-source'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (f) {
      var series = ['received', 'permitted', 'denied', 'delivered', 'dead-lettered'];
      var buckets = Object.keys(f.perBucket);
      bar('flows-chart', buckets, series.map(function (name, i) {
        return {label: name, backgroundColor: colours[i], data: buckets.map(function (b) { return f.perBucket[b][i]; })};
      }), false);
      var reasons = Object.keys(f.deniedByReason);
      bar('reasons-chart', reasons, [{label: 'denied', backgroundColor: colours[2],
        data: reasons.map(function (r) { return f.deniedByReason[r]; })}]);
      var boxes = Object.keys(f.mailboxDepths);
      bar('mailbox-chart', boxes, [{label: 'waiting', backgroundColor: colours[0],
        data: boxes.map(function (b) { return f.mailboxDepths[b]; })}]);
      page.setAttribute('data-charts', 'drawn');
    })
    .catch(function () {
      page.setAttribute('data-charts', 'failed');
    });
}());
