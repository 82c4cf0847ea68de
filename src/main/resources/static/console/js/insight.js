// Insight charts: metric trends with their 95% band (a transparent base plus a stacked band area under the line)
// and the retention heatmap. A click on a trend point or a heatmap cell loads the people behind it (htmx).
(function () {
    'use strict';
    if (!window.echarts) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };

    function drill(url) {
        const target = document.getElementById('insight-drill');
        if (target && window.htmx) {
            htmx.ajax('GET', url, { target: target, swap: 'innerHTML' });
        }
    }

    function query(params) {
        return Object.keys(params).filter(function (k) { return params[k] !== null && params[k] !== ''; })
            .map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
    }

    document.querySelectorAll('[data-trend]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-trend'));
        const base = data.lows.map(function (v) { return v === null ? '-' : v; });
        const band = data.highs.map(function (v, i) {
            return v === null || data.lows[i] === null ? '-' : Math.round((v - data.lows[i]) * 100) / 100;
        });
        const values = data.values.map(function (v) { return v === null ? '-' : v; });
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: text,
            grid: { left: 48, right: 16, top: 24, bottom: 32 },
            tooltip: {
                trigger: 'axis',
                formatter: function (items) {
                    const i = items[0].dataIndex;
                    return data.labels[i] + '<br>' + data.metric.toUpperCase() + ' ' + (data.values[i] === null ? '–'
                        : data.values[i] + ' (95%: ' + data.lows[i] + ' to ' + data.highs[i] + ')') + '<br>n = ' + data.n[i];
                }
            },
            xAxis: { type: 'category', data: data.labels, boundaryGap: false },
            yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [
                { name: 'low', type: 'line', data: base, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 } },
                { name: '95% interval', type: 'line', data: band, stack: 'band', symbol: 'none',
                  lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(47, 111, 143, 0.18)' } },
                { name: data.metric, type: 'line', data: values, symbolSize: 7, color: '#2f6f8f',
                  lineStyle: { width: 2 }, connectNulls: false }
            ]
        });
        chart.on('click', function (params) {
            if (params.seriesIndex !== 2) {
                return;
            }
            const filters = element.closest('[data-filters]');
            drill('/console/insight/' + data.metric + '/responses?' + query({
                from: data.labels[params.dataIndex], to: data.ends[params.dataIndex],
                channel: filters ? filters.getAttribute('data-channel') : ''
            }));
        });
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    });

    document.querySelectorAll('[data-heatmap]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-heatmap'));
        // Buyer cohorts by month unless the element says otherwise (visitor cohorts by week).
        const unit = element.getAttribute('data-unit') || 'month';
        const people = element.getAttribute('data-people') || 'buyers';
        const drillUrl = element.getAttribute('data-drill') || '/console/insight/retention/buyers';
        const periods = [];
        for (let k = 0; k < data.periods; k++) {
            periods.push('+' + k);
        }
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: text,
            grid: { left: 72, right: 16, top: 16, bottom: 72 },
            tooltip: {
                formatter: function (p) {
                    return 'cohort ' + data.cohorts[p.value[1]] + ' (' + data.sizes[p.value[1]] + ' ' + people + '), '
                        + unit + ' +' + p.value[0] + ': ' + p.value[2] + '% (' + p.value[3] + ')';
                }
            },
            xAxis: { type: 'category', data: periods, nameLocation: 'middle',
                     name: unit + 's after the first ' + (unit === 'month' ? 'purchase' : 'visit'),
                     nameGap: 28, splitArea: { show: true } },
            yAxis: { type: 'category', data: data.cohorts, inverse: true, splitArea: { show: true } },
            visualMap: { min: 0, max: 100, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
                         text: ['100%', '0%'], inRange: { color: ['#f4f8fb', '#2f6f8f'] } },
            series: [{ name: 'retention', type: 'heatmap', data: data.cells,
                       label: { show: data.cohorts.length <= 24, formatter: function (p) { return Math.round(p.value[2]); } } }]
        });
        chart.on('click', function (params) {
            drill(drillUrl + '?' + query({
                cohort: data.cohorts[params.value[1]], period: params.value[0], variant: data.variant
            }));
        });
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    });
}());
