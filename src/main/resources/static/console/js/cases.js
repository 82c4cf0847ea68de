// Time to close per week on the case board: median and 90th percentile in hours (lines), cases opened (bars).
(function () {
    'use strict';
    const element = document.getElementById('chart-time-to-close');
    if (!element || !window.echarts) {
        return;
    }
    const data = JSON.parse(element.getAttribute('data-chart') || '{}');
    if (!data.weeks || data.weeks.length === 0) {
        element.closest('.panel').hidden = true;
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
        animation: false,
        color: ['#2f6f8f', '#b3261e', '#c9d3dc'],
        textStyle: text,
        grid: { left: 56, right: 48, top: 40, bottom: 32 },
        legend: { top: 0, textStyle: text },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: data.weeks, axisTick: { alignWithLabel: true } },
        yAxis: [
            { type: 'value', name: 'hours', splitLine: { lineStyle: { color: '#eef1f4' } } },
            { type: 'value', name: 'opened', minInterval: 1, splitLine: { show: false } }
        ],
        series: [
            { name: 'Median', type: 'line', data: data.median, connectNulls: true, symbolSize: 6 },
            { name: '90th percentile', type: 'line', data: data.p90, connectNulls: true, symbolSize: 6,
              lineStyle: { type: 'dashed' } },
            { name: 'Opened', type: 'bar', yAxisIndex: 1, data: data.opened, barMaxWidth: 18, z: 1 }
        ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-drawn', 'true');
}());
