/**
 * The page's own script (runs in the browser, after Chart.js): it reads the
 * embedded data and draws every chart from it, with no animation (the numbers
 * are there as soon as the page has loaded). When done it marks the body
 * `data-charts="ready"`, which the Chromium test waits for.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kefu-report-data').textContent);
  var palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    var right = spec.datasets.some(function (d) { return d.rightAxis === true; });
    var scales = {
      x: { stacked: spec.stacked },
      y: { stacked: spec.stacked, beginAtZero: true, position: 'left' }
    };
    if (right) scales.y1 = { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } };
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels.slice(),
        datasets: spec.datasets.map(function (d, i) {
          var colour = palette[i % palette.length];
          return {
            label: d.label,
            data: d.data.slice(),
            yAxisID: d.rightAxis === true ? 'y1' : 'y',
            borderColor: colour,
            backgroundColor: spec.kind === 'line' ? colour : colour + 'cc',
            pointRadius: spec.kind === 'line' && spec.labels.length > 40 ? 0 : 3,
            borderWidth: spec.kind === 'line' ? 2 : 1,
            spanGaps: true
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' }, title: { display: false } },
        scales: scales
      }
    });
  });
  document.body.setAttribute('data-charts', 'ready');
})();
`;
