// The feedback inbox's charts: sentiment per day (stacked bars) and the most frequent topics. Clicking a bar
// reloads the page with that sentiment and day (or month), or that topic, added to the current filters.
(function () {
    'use strict';
    const element = document.getElementById('chart-sentiment');
    const topicsElement = document.getElementById('chart-topics');
    if (!element || !topicsElement || !window.echarts) {
        return;
    }
    const data = JSON.parse(element.getAttribute('data-chart') || '{}');
    if (!data.periods || data.periods.length === 0) {
        element.closest('.grid').hidden = true;
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };

    function filterBy(params) {
        const url = new URL(window.location.href);
        url.searchParams.delete('before');
        Object.keys(params).forEach(function (name) { url.searchParams.set(name, params[name]); });
        window.location.assign(url.toString());
    }

    const sentiment = echarts.init(element, null, { renderer: 'canvas' });
    const series = [['negative', 'Negative', '#b3261e'], ['neutral', 'Neutral', '#9aa5b1'],
        ['positive', 'Positive', '#2f7d4f']].map(function (s) {
        return { name: s[1], id: s[0], type: 'bar', stack: 'sentiment', data: data[s[0]], color: s[2],
            barMaxWidth: 22, cursor: 'pointer' };
    });
    sentiment.setOption({
        animation: false,
        textStyle: text,
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        legend: { top: 0, textStyle: text },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'category', data: data.periods.map(function (p) { return p.label; }) },
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
        series: series
    });
    sentiment.on('click', function (event) {
        const period = data.periods[event.dataIndex];
        filterBy({ sentiment: event.seriesId, from: period.from, to: period.to });
    });

    const topics = echarts.init(topicsElement, null, { renderer: 'canvas' });
    const names = data.topics.map(function (t) { return t.name; }).reverse();
    topics.setOption({
        animation: false,
        textStyle: text,
        grid: { left: 110, right: 24, top: 16, bottom: 24 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
        yAxis: { type: 'category', data: names },
        series: [{ name: 'Texts', type: 'bar', color: '#2f6f8f', barMaxWidth: 18, cursor: 'pointer',
            data: data.topics.map(function (t) { return t.items; }).reverse() }]
    });
    topics.on('click', function (event) {
        filterBy({ topic: names[event.dataIndex] });
    });

    window.addEventListener('resize', function () { sentiment.resize(); topics.resize(); });
    element.setAttribute('data-drawn', 'true');
}());
