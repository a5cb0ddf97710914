package io.tickhub.server.dashboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through its chromedriver (Debian's chromium and
 * chromium-driver; {@code .ci/run} installs them). Without them the browser tests are skipped,
 * unless {@code TICKHUB_REQUIRE_BROWSER} is set, as CI sets it, where a missing browser fails.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(env("TICKHUB_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(env("TICKHUB_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    static ChromeDriver open(int width, int height) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("TICKHUB_REQUIRE_BROWSER") == null) {
            Assumptions.abort("no Chromium at " + CHROMIUM + " with " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver); browser tests skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-component-update", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /**
     * What an element's screenshot shows: the share of pixels that differ from its top-left pixel
     * (the background), the number of distinct colours, and how many pixels are (nearly) each of
     * the {@code wanted} colours. A blank canvas is 0, 1 and none.
     */
    record Ink(double share, int colours, int[] wanted) {
    }

    static Ink ink(WebElement element, int... wanted) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
            int background = image.getRGB(0, 0);
            long drawn = 0;
            int[] found = new int[wanted.length];
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb & 0xF0F0F0); // near-identical anti-aliasing shades count once
                    if (rgb != (background & 0xFFFFFF)) {
                        drawn++;
                    }
                    for (int i = 0; i < wanted.length; i++) {
                        if (near(rgb, wanted[i])) {
                            found[i]++;
                        }
                    }
                }
            }
            return new Ink((double) drawn / ((long) image.getWidth() * image.getHeight()), colours.size(), found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void save(ChromeDriver driver, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean near(int rgb, int wanted) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((wanted >> shift) & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
