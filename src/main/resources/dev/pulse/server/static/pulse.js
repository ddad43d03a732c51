// Draws the charts of a Pulse page from the data in each [data-chart] element (no inline script: the
// Content-Security-Policy allows scripts from this server only).
(function () {
  'use strict';
  var BLUE = '#1f5fbf', BAND = 'rgba(31, 95, 191, 0.18)';

  function spark(el, d) {
    return {
      animation: false, grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'category', data: d.x, show: false }, yAxis: { type: 'value', show: false, scale: true },
      tooltip: { trigger: 'axis', confine: true },
      series: [{ type: 'line', data: d.y, symbol: 'circle', symbolSize: 4, lineStyle: { color: BLUE, width: 2 }, itemStyle: { color: BLUE }, connectNulls: false }]
    };
  }

  function trend(el, d) {
    var base = d.low.map(function (v) { return v; });
    var width = d.high.map(function (v, i) { return v === null || d.low[i] === null ? null : v - d.low[i]; });
    return {
      animation: false, grid: { left: 56, right: 20, top: 30, bottom: 40 },
      tooltip: { trigger: 'axis', confine: true, formatter: function (items) {
        var i = items[0].dataIndex, s = d.x[i] + '<br>' + (d.y[i] === null ? 'no data' : d.y[i].toFixed(1));
        if (d.low[i] !== null) { s += ' (95 %: ' + d.low[i].toFixed(1) + ' – ' + d.high[i].toFixed(1) + ')'; }
        return s; } },
      xAxis: { type: 'category', data: d.x }, yAxis: { type: 'value', scale: true, name: d.unit },
      series: [
        { type: 'line', data: base, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
        { type: 'line', data: width, stack: 'band', lineStyle: { opacity: 0 }, areaStyle: { color: BAND }, symbol: 'none', silent: true },
        { type: 'line', data: d.y, lineStyle: { color: BLUE, width: 2 }, itemStyle: { color: BLUE }, symbolSize: 6 }
      ]
    };
  }

  function bars(el, d) {
    var whiskers = d.x.map(function (x, i) { return [i, d.low[i], d.high[i]]; }).filter(function (w) { return w[1] !== null; });
    return {
      animation: false, grid: { left: 56, right: 20, top: 30, bottom: 60, containLabel: true },
      tooltip: { trigger: 'item', confine: true, formatter: function (p) {
        var i = p.dataIndex; if (p.seriesType === 'custom') { i = whiskers[i][0]; }
        var s = d.x[i] + '<br>' + (d.y[i] === null ? 'no data' : d.y[i].toFixed(1));
        if (d.low[i] !== null) { s += ' (95 %: ' + d.low[i].toFixed(1) + ' – ' + d.high[i].toFixed(1) + ')'; }
        return s; } },
      xAxis: { type: 'category', data: d.x, axisLabel: { interval: 0, rotate: d.x.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: d.unit },
      series: [
        { type: 'bar', data: d.y, itemStyle: { color: BLUE }, barMaxWidth: 48 },
        { type: 'custom', data: whiskers, z: 10, renderItem: function (params, api) {
            var x = api.coord([api.value(0), api.value(1)])[0], lo = api.coord([api.value(0), api.value(1)])[1],
                hi = api.coord([api.value(0), api.value(2)])[1], w = 6;
            var style = { stroke: '#1b1f24', lineWidth: 1.5 };
            return { type: 'group', children: [
              { type: 'line', shape: { x1: x, y1: lo, x2: x, y2: hi }, style: style },
              { type: 'line', shape: { x1: x - w, y1: lo, x2: x + w, y2: lo }, style: style },
              { type: 'line', shape: { x1: x - w, y1: hi, x2: x + w, y2: hi }, style: style }] };
          } }
      ]
    };
  }

  // On a phone the filter bar starts folded (it is a <details>; open on a laptop).
  function foldFilters() {
    if (window.matchMedia && window.matchMedia('(max-width: 600px)').matches) {
      document.querySelectorAll('details.filter-panel').forEach(function (d) { d.removeAttribute('open'); });
    }
  }

  function draw() {
    foldFilters();
    if (typeof echarts === 'undefined') { return; }
    var kinds = { spark: spark, trend: trend, bars: bars };
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var d;
      try { d = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
      var make = kinds[d.kind];
      if (!make) { return; }
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(make(el, d));
      el.setAttribute('data-drawn', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
