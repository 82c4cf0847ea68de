// Revenue (bars, one series per currency) and orders (line) per day or month of the filtered orders.
(function () {
    'use strict';
    const element = document.getElementById('chart-orders');
    if (!element || !window.echarts) {
        return;
    }
    const data = JSON.parse(element.getAttribute('data-chart') || '{}');
    if (!data.labels || data.labels.length === 0) {
        element.closest('.panel').hidden = true;
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    const revenue = data.revenue.map(function (s) {
        return {
            name: 'Revenue ' + s.currency, type: 'bar', yAxisIndex: 0, data: s.values, barMaxWidth: 22,
            itemStyle: { borderRadius: [3, 3, 0, 0] }
        };
    });
    chart.setOption({
        animation: false,
        color: ['#2f6f8f', '#5b3d8a', '#2f7d4f', '#c07a12', '#3c8dbc', '#8e6c8a'],
        textStyle: text,
        grid: { left: 64, right: 48, top: 40, bottom: 32 },
        legend: { top: 0, textStyle: text },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: data.labels, axisTick: { alignWithLabel: true } },
        yAxis: [
            { type: 'value', name: 'revenue', splitLine: { lineStyle: { color: '#eef1f4' } } },
            { type: 'value', name: 'orders', minInterval: 1, splitLine: { show: false } }
        ],
        series: revenue.concat([{
            name: 'Orders', type: 'line', yAxisIndex: 1, data: data.orders, symbolSize: 5,
            color: '#b3261e', lineStyle: { width: 2 }
        }])
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-drawn', 'true');
}());
