// The churn rate per period as a line with its 95% band; a click on a point lists the customers who churned in
// that period (htmx, into #insight-drill).
(function () {
    'use strict';
    const element = document.getElementById('chart-churn');
    if (!window.echarts || !element) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    const data = JSON.parse(element.getAttribute('data-churn'));
    const dash = function (v) { return v === null ? '-' : v; };
    const band = data.highs.map(function (v, i) {
        return v === null || data.lows[i] === null ? '-' : Math.round((v - data.lows[i]) * 100) / 100;
    });
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
        animation: false,
        textStyle: text,
        grid: { left: 48, right: 16, top: 24, bottom: 32 },
        tooltip: {
            trigger: 'axis',
            formatter: function (items) {
                const i = items[0].dataIndex;
                return data.labels[i] + ' to ' + data.ends[i] + '<br>churn rate ' + (data.rates[i] === null ? '–'
                    : data.rates[i] + ' % (95%: ' + data.lows[i] + ' to ' + data.highs[i] + ')') + '<br>'
                    + data.churned[i] + ' of ' + data.alive[i] + ' customers alive at the start';
            }
        },
        xAxis: { type: 'category', data: data.labels, boundaryGap: false },
        yAxis: { type: 'value', name: '%', min: 0, splitLine: { lineStyle: { color: '#eef1f4' } } },
        series: [
            { name: 'low', type: 'line', data: data.lows.map(dash), stack: 'band', symbol: 'none',
              lineStyle: { opacity: 0 } },
            { name: '95% interval', type: 'line', data: band, stack: 'band', symbol: 'none',
              lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(179, 38, 30, 0.15)' } },
            { name: 'churn rate', type: 'line', data: data.rates.map(dash), symbolSize: 7, color: '#b3261e',
              lineStyle: { width: 2 }, connectNulls: false }
        ]
    });
    chart.on('click', function (params) {
        const target = document.getElementById('insight-drill');
        if (params.seriesIndex !== 2 || !target || !window.htmx) {
            return;
        }
        const link = element.getAttribute('data-drill');
        htmx.ajax('GET', link + (link.indexOf('?') < 0 ? '?' : '&') + 'period='
            + encodeURIComponent(data.labels[params.dataIndex]), { target: target, swap: 'innerHTML' });
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-drawn', 'true');
}());
