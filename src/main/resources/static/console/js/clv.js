// Histograms of predicted value and P(alive), and predicted against actual hold-out purchases by frequency.
(function () {
    'use strict';
    if (!window.echarts) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    function draw(id, series) {
        const element = document.getElementById(id);
        if (!element) {
            return;
        }
        const data = JSON.parse(element.getAttribute('data-chart') || '{}');
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        const option = series(data);
        chart.setOption(Object.assign({
            animation: false,
            color: ['#2f6f8f', '#b3261e'],
            textStyle: text,
            grid: { left: 64, right: 24, top: 40, bottom: 48 },
            legend: { top: 0, textStyle: text },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            xAxis: { type: 'category', data: data.labels, axisLabel: { rotate: 30 } },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } }
        }, option));
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    }
    function histogram(data) {
        return { series: [{ name: 'Customers', type: 'bar', data: data.customers, barMaxWidth: 28 }] };
    }
    draw('chart-clv', histogram);
    draw('chart-alive', histogram);
    draw('chart-hold-out', function (data) {
        return {
            xAxis: { type: 'category', name: 'repeat purchases in calibration', nameLocation: 'middle', nameGap: 30,
                data: data.labels },
            series: [
                { name: 'Predicted', type: 'bar', data: data.predicted, barMaxWidth: 22 },
                { name: 'Actual', type: 'bar', data: data.actual, barMaxWidth: 22 }
            ]
        };
    });
}());
