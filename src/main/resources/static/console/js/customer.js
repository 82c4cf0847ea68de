// The channel mix of one customer as a doughnut chart; the data comes with the page.
(function () {
    var element = document.getElementById('chart-channels');
    if (!element || !window.echarts) {
        return;
    }
    var slices = JSON.parse(element.getAttribute('data-channels') || '[]');
    if (slices.length === 0) {
        element.hidden = true;
        return;
    }
    var chart = echarts.init(element);
    chart.setOption({
        animation: false,
        tooltip: {trigger: 'item', formatter: '{b}: {c} events ({d}%)'},
        legend: {bottom: 0},
        series: [{type: 'pie', radius: ['40%', '70%'], data: slices, label: {formatter: '{b}\n{c}'}}]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-drawn', 'true');
}());
