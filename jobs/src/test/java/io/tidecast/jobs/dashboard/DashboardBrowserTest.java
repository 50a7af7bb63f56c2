package io.tidecast.jobs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidecast.jobs.Cli;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code tidecast demo --dashboard PORT --keep-running} as a user runs it, looked at in a real headless Chromium:
 * the page loads, its charts receive points from the live run (embedded Kafka + the forecast job on the
 * MiniCluster), switching key and horizon works; the screenshot is left in {@code target/dashboard-screenshot.png}.
 */
@SuppressWarnings("unchecked")
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");

    @Test
    void theDemoDashboardShowsLiveChartsAndFollowsTheSelection(@TempDir Path tmp) throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser && System.getenv("CI") != null) {
            throw new AssertionError("CI must run the browser test: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(browser, "skipped: no " + CHROMIUM + " / " + CHROMEDRIVER
                + " here (apt-get install chromium chromium-driver to run the dashboard browser test)");

        // two short recordings (72 s and 117 s), so keys can be switched and the replay stays short
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (var files = Files.list(Path.of("../data/extmarker"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("20120511105[57]-.*\\.csv")).toList()) {
                Files.copy(f, data.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port = freePort();
        AtomicInteger rc = new AtomicInteger(-1);
        Thread demo = new Thread(() -> rc.set(Cli.commandLine().execute("demo", "--speed", "10", "--data", data.toString(),
                "--out", tmp.resolve("out").toString(), "--dashboard", Integer.toString(port), "--keep-running")), "demo");
        demo.start();
        String url = "http://127.0.0.1:" + port + "/";
        ChromeDriver driver = null;
        try {
            awaitHttp(url, Duration.ofSeconds(90), demo);
            driver = chrome(tmp.resolve("chrome-profile"));
            driver.get(url);
            JavascriptExecutor js = driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250));

            // every chart receives points while the job runs
            wait.until(d -> {
                Map<?, ?> p = points(js);
                return num(p, "signal") > 0 && num(p, "nrmse") > 0 && num(p, "weights") > 0 && num(p, "regret") > 0;
            });
            List<Object> signalSeries = (List<Object>) js.executeScript("return window.tidecast.seriesNames('signal')");
            assertThat(signalSeries).contains("actual", "last", "rls", "ensemble");
            assertThat((List<Object>) js.executeScript("return window.tidecast.seriesNames('regret')")).containsExactly("ensemble");
            assertThat(driver.findElement(By.id("table")).getText()).contains("ensemble").contains("100 ms").contains("1000 ms");

            // switching the horizon: the charts refill with that horizon's forecasts
            new Select(driver.findElement(By.id("horizon"))).selectByValue("1000");
            wait.until(d -> "1000".equals(selection(js).get("horizon")) && num(points(js), "signal") > 0
                    && num(points(js), "nrmse") > 0);
            assertThat(driver.findElement(By.id("signal-title")).getText()).contains("1000 ms ahead");

            // switching the key
            Select key = new Select(driver.findElement(By.id("key")));
            assertThat(key.getOptions()).hasSize(2);
            String first = key.getFirstSelectedOption().getAttribute("value");
            String other = key.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.equals(first)).findFirst().orElseThrow();
            key.selectByValue(other);
            wait.until(d -> other.equals(selection(js).get("key")) && num(points(js), "signal") > 0 && num(points(js), "weights") > 0);
            assertThat(driver.findElement(By.id("signal-title")).getText()).contains(other).contains("1000 ms ahead");
            assertThat(driver.getCurrentUrl()).contains("h=1000");

            // the replay ends and the demo keeps serving: the page still shows everything
            Path summary = tmp.resolve("out").resolve("summary.json");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(summary) && System.nanoTime() < deadline) Thread.sleep(250);
            assertThat(summary).as("the demo finished its replay").exists();
            Thread.sleep(1000);
            assertThat(demo.isAlive()).as("--keep-running keeps the demo serving").isTrue();
            driver.navigate().refresh();
            wait.until(d -> num(points(js), "signal") > 0 && num(points(js), "regret") > 0
                    && other.equals(selection(js).get("key")) && "1000".equals(selection(js).get("horizon")));
            Thread.sleep(600);
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
            assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        } finally {
            if (driver != null) driver.quit();
            demo.interrupt();
            demo.join(60_000);
        }
        assertThat(demo.isAlive()).as("the demo stops when interrupted").isFalse();
        assertThat(rc.get()).isZero();
        assertThat(tmp.resolve("out").resolve("summary.json")).exists();
    }

    static ChromeDriver chrome(Path profile) throws IOException {
        Files.createDirectories(profile);
        // explicit paths: Selenium Manager must not try to download a browser or a driver
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1500", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, o);
    }

    private static Map<?, ?> points(JavascriptExecutor js) {
        return (Map<?, ?>) js.executeScript("return window.tidecast ? window.tidecast.points() : {}");
    }

    private static Map<?, ?> selection(JavascriptExecutor js) {
        return (Map<?, ?>) js.executeScript("return window.tidecast.selection()");
    }

    private static long num(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v instanceof Number n ? n.longValue() : 0;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void awaitHttp(String url, Duration timeout, Thread owner) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!owner.isAlive()) throw new AssertionError("the demo ended before serving " + url);
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nothing served at " + url + " within " + timeout);
    }

}
