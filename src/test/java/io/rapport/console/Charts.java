package io.rapport.console;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The console's ECharts charts as a person uses them in a browser test. */
final class Charts {

    private Charts() {
    }

    /**
     * Clicks the chart's canvas where its series {@code series} draws the point ({@code x}, {@code y}) in data
     * values (a category's name or index, a number).
     */
    static void click(WebDriver browser, String chartId, int series, Object x, Object y) {
        WebElement chart = browser.findElement(By.id(chartId));
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        List<?> pixel = (List<?>) script.executeScript("return echarts.getInstanceByDom(arguments[0])"
                + ".convertToPixel({seriesIndex: arguments[1]}, [arguments[2], arguments[3]]);", chart, series, x, y);
        new Actions(browser).moveToElement(chart,
                (int) Math.round(((Number) pixel.get(0)).doubleValue() - chart.getSize().getWidth() / 2.0),
                (int) Math.round(((Number) pixel.get(1)).doubleValue() - chart.getSize().getHeight() / 2.0))
                .click().perform();
    }
}
