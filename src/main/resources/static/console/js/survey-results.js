// A survey's trend (score line, response bars) and its distribution of scores (bars coloured by band).
(function () {
    'use strict';
    if (!window.echarts) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    const grid = { left: 48, right: 48, top: 40, bottom: 32 };

    function draw(id, option) {
        const element = document.getElementById(id);
        if (!element) {
            return;
        }
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption(Object.assign({ animation: false, textStyle: text, grid: grid }, option(
            JSON.parse(element.getAttribute('data-chart')))));
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    }

    draw('chart-trend', function (data) {
        return {
            legend: { top: 0, textStyle: text },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: data.labels, axisTick: { alignWithLabel: true } },
            yAxis: [
                { type: 'value', name: data.metric, splitLine: { lineStyle: { color: '#eef1f4' } } },
                { type: 'value', name: 'responses', minInterval: 1, splitLine: { show: false } }
            ],
            series: [
                { name: 'Responses', type: 'bar', yAxisIndex: 1, data: data.counts, color: '#c9d6df', barMaxWidth: 22 },
                { name: data.metric, type: 'line', yAxisIndex: 0, data: data.values, connectNulls: true,
                  color: '#2f6f8f', symbolSize: 6, lineStyle: { width: 2 } }
            ]
        };
    });

    draw('chart-distribution', function (data) {
        return {
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            xAxis: { type: 'category', data: data.scores, name: 'score' },
            yAxis: { type: 'value', name: 'responses', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [{
                name: 'Responses', type: 'bar', barMaxWidth: 36,
                data: data.counts.map(function (n, i) { return { value: n, itemStyle: { color: data.colors[i] } }; })
            }]
        };
    });
}());
